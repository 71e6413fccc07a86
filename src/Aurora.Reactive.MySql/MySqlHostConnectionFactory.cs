using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.MySql;

/// <summary>
/// Physical connections to any node of one cluster through the user's provider factory: the base connection
/// string with only the host and port replaced. Pooling is the provider's, which pools by connection string, so
/// each node gets its own pool; the per-node strings are made once and kept.
/// </summary>
internal sealed class MySqlHostConnectionFactory : IHostConnectionFactory
{
    private readonly Func<string, DbConnection> _createConnection;
    private readonly DbConnectionStringBuilder _baseSettings;
    private readonly string _initialConnectionString;
    private readonly ConcurrentDictionary<(string Host, int Port), string> _byHost = new();
    private int _disposed;

    public MySqlHostConnectionFactory(Func<string, DbConnection> createConnection, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _createConnection = createConnection;
        try
        {
            _baseSettings = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"The MySQL connection string is not valid: {error.Message}", nameof(connectionString));
        }

        InitialHost = MySqlHostEntry.Parse(FirstHost(_baseSettings), Port(_baseSettings));
        Database = Value(_baseSettings, MySqlConnectionStringKeys.Database) ?? string.Empty;
        var display = new DbConnectionStringBuilder { ConnectionString = _baseSettings.ConnectionString };
        foreach (var key in MySqlConnectionStringKeys.Password)
        {
            display.Remove(key);
        }

        DisplayConnectionString = display.ConnectionString;
        _initialConnectionString = ForHost(InitialHost);
    }

    public HostSpec InitialHost { get; }

    public string Database { get; }

    public string DisplayConnectionString { get; }

    public DbConnection CreateConnection(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var connectionString = host.Port == InitialHost.Port && string.Equals(host.Host, InitialHost.Host, StringComparison.OrdinalIgnoreCase)
            ? _initialConnectionString
            : _byHost.GetOrAdd((host.Host.ToLowerInvariant(), host.Port), key => ForHost(new HostSpec(key.Host, key.Port)));
        return _createConnection(connectionString)
            ?? throw new InvalidOperationException("The MySQL connection factory returned null; it must return a new, closed connection.");
    }

    /// <summary>Nothing to release: the provider owns its pools.</summary>
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string FirstHost(DbConnectionStringBuilder settings)
    {
        var hosts = Value(settings, MySqlConnectionStringKeys.Host);
        if (string.IsNullOrWhiteSpace(hosts))
        {
            throw new ArgumentException("The connection string names no Server; Aurora.Reactive needs the node to connect to first.", "connectionString");
        }

        var comma = hosts.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? hosts : hosts[..comma]).Trim();
    }

    private static int Port(DbConnectionStringBuilder settings)
    {
        var text = Value(settings, MySqlConnectionStringKeys.Port);
        if (text is null)
        {
            return MySqlConnectionStringKeys.DefaultPort;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException($"The connection string's Port is '{text}', which is not a port number (1-65535).", "connectionString");
    }

    private static string? Value(DbConnectionStringBuilder settings, IReadOnlyList<string> synonyms)
    {
        foreach (var key in synonyms)
        {
            if (settings.TryGetValue(key, out var value) && value is not null)
            {
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private string ForHost(HostSpec host)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = _baseSettings.ConnectionString };
        foreach (var key in MySqlConnectionStringKeys.Host.Concat(MySqlConnectionStringKeys.Port))
        {
            settings.Remove(key);
        }

        settings["Server"] = host.Host;
        settings["Port"] = host.Port.ToString(CultureInfo.InvariantCulture);
        return settings.ConnectionString;
    }
}
