using System.Collections.Concurrent;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Npgsql;

namespace Aurora.Reactive.Npgsql;

/// <summary>
/// Physical Npgsql connections to any node of one cluster: one <see cref="NpgsqlDataSource"/> (one
/// pool) per host and port, made from the base connection string with only the host and port replaced.
/// </summary>
internal sealed class NpgsqlHostConnectionFactory : IHostConnectionFactory
{
    private readonly NpgsqlConnectionStringBuilder _baseSettings;
    private readonly NpgsqlDataSource _initialDataSource;
    private readonly ConcurrentDictionary<(string Host, int Port), NpgsqlDataSource> _byHost = new(EndpointComparer.Instance);
    private readonly object _createGate = new();
    private readonly Func<HostSpec, CancellationToken, ValueTask<string>>? _passwordProvider;
    private int _disposed;

    public NpgsqlHostConnectionFactory(string connectionString, Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _baseSettings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            // Npgsql's message names the offending keyword, not its value.
            throw new ArgumentException($"The Npgsql connection string is not valid: {error.Message}", nameof(connectionString));
        }

        if (passwordProvider is not null && !string.IsNullOrEmpty(_baseSettings.Password))
        {
            throw new ArgumentException("The connection string sets Password and a password provider is given as well; use one of the two.", nameof(connectionString));
        }

        _passwordProvider = passwordProvider;
        InitialHost = NpgsqlHostList.First(_baseSettings);
        Database = _baseSettings.Database ?? string.Empty;
        var display = new NpgsqlConnectionStringBuilder(_baseSettings.ConnectionString) { Password = null };
        DisplayConnectionString = display.ConnectionString;
        _initialDataSource = Create(InitialHost);
        _byHost[(InitialHost.Host, InitialHost.Port)] = _initialDataSource;
    }

    public HostSpec InitialHost { get; }

    public string Database { get; }

    public string DisplayConnectionString { get; }

    /// <summary>How many per-host pools exist (for tests and diagnostics).</summary>
    internal int PoolCount => _byHost.Count;

    public DbConnection CreateConnection(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (ReferenceEquals(host, InitialHost) || (host.Port == InitialHost.Port && string.Equals(host.Host, InitialHost.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return _initialDataSource.CreateConnection();
        }

        return DataSourceFor(host).CreateConnection();
    }

    /// <summary>Closes the idle connections of the node's pool (<see cref="NpgsqlDataSource.Clear"/>); a node without a pool has nothing to clear.</summary>
    public ValueTask ClearPoolAsync(HostSpec host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Volatile.Read(ref _disposed) == 0 && _byHost.TryGetValue((host.Host, host.Port), out var dataSource))
        {
            dataSource.Clear();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var dataSource in _byHost.Values)
            {
                dataSource.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var dataSource in _byHost.Values)
            {
                await dataSource.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private NpgsqlDataSource DataSourceFor(HostSpec host)
    {
        var key = (host.Host, host.Port);
        if (_byHost.TryGetValue(key, out var existing))
        {
            return existing;
        }

        lock (_createGate)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (!_byHost.TryGetValue(key, out existing))
            {
                existing = Create(host);
                _byHost[key] = existing;
            }

            return existing;
        }
    }

    // With a provider, Npgsql asks it each time a physical connection authenticates; the pool keeps open ones as they are.
    private NpgsqlDataSource Create(HostSpec host)
    {
        if (_passwordProvider is not { } provider)
        {
            return NpgsqlDataSource.Create(ForHost(host));
        }

        return new NpgsqlDataSourceBuilder(ForHost(host))
            .UsePasswordProvider(_ => provider(host, CancellationToken.None).AsTask().GetAwaiter().GetResult(), (_, cancellation) => provider(host, cancellation))
            .Build();
    }

    private string ForHost(HostSpec host)
    {
        var settings = new NpgsqlConnectionStringBuilder(_baseSettings.ConnectionString)
        {
            Host = host.Host,
            Port = host.Port,
        };
        return settings.ConnectionString;
    }

    private sealed class EndpointComparer : IEqualityComparer<(string Host, int Port)>
    {
        public static EndpointComparer Instance { get; } = new();

        public bool Equals((string Host, int Port) x, (string Host, int Port) y) =>
            x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Host, int Port) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Port);
    }
}
