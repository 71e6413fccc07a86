using System.Collections.Concurrent;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>Creates <see cref="FakeDbConnection"/>s; a host can be killed (its connections and opens fail) or made to hang.</summary>
internal sealed class FakeConnectionFactory : IHostConnectionFactory
{
    private readonly ConcurrentDictionary<string, Exception> _dead = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _hanging = new(StringComparer.OrdinalIgnoreCase);

    public FakeConnectionFactory(string connectionString)
    {
        ReceivedConnectionString = connectionString;
        var hostPart = connectionString.Split(';')[0];
        hostPart = hostPart.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) ? hostPart[5..] : hostPart;
        var parts = hostPart.Split(':');
        InitialHost = new HostSpec(parts[0], parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 5432);
    }

    public string ReceivedConnectionString { get; }

    public HostSpec InitialHost { get; }

    public string Database => "fakedb";

    public string DisplayConnectionString => $"Host={InitialHost.Host};Port={InitialHost.Port}";

    public List<FakeDbConnection> Created { get; } = new();

    public bool IsDisposed { get; private set; }

    public DbConnection CreateConnection(HostSpec host)
    {
        var connection = new FakeDbConnection(this, host);
        lock (Created)
        {
            Created.Add(connection);
        }

        return connection;
    }

    /// <summary>From now on, opens to <paramref name="host"/> and commands on its connections fail with <paramref name="error"/>.</summary>
    public void Kill(HostSpec host, Exception error) => _dead[host.Endpoint] = error;

    /// <summary>From now on, commands on <paramref name="host"/> never answer (a frozen node).</summary>
    public void Freeze(HostSpec host) => _hanging[host.Endpoint] = new TaskCompletionSource();

    /// <summary>Commands on <paramref name="host"/> that hang answer now, and new ones answer at once.</summary>
    public void Thaw(HostSpec host)
    {
        if (_hanging.TryRemove(host.Endpoint, out var gate))
        {
            gate.TrySetResult();
        }
    }

    public Exception? DeathOf(HostSpec host) => _dead.TryGetValue(host.Endpoint, out var error) ? error : null;

    public Task? FreezeOf(HostSpec host) => _hanging.TryGetValue(host.Endpoint, out var gate) ? gate.Task : null;

    /// <summary>Every node whose pool was cleared, in order.</summary>
    public ConcurrentQueue<HostSpec> Cleared { get; } = new();

    public ValueTask ClearPoolAsync(HostSpec host, CancellationToken cancellationToken = default)
    {
        Cleared.Enqueue(host);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => IsDisposed = true;

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
