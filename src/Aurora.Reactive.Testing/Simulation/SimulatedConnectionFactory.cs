using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// The per-host pools of one connection string over a <see cref="SimulatedCluster"/>. A pooled session is handed out
/// without asking the node, as real pools do, so a session the node ended while it sat idle fails its first statement.
/// </summary>
internal sealed class SimulatedConnectionFactory(SimulatedCluster cluster, HostSpec initialHost) : IHostConnectionFactory
{
    private readonly Dictionary<string, Stack<SimulatedSession>> _idle = new(StringComparer.OrdinalIgnoreCase);

    public SimulatedCluster Cluster { get; } = cluster;

    public HostSpec InitialHost { get; } = initialHost;

    public string Database => "simulated";

    public string DisplayConnectionString => $"Host={InitialHost.Host};Port={InitialHost.Port}";

    public DbConnection CreateConnection(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new SimulatedConnection(Cluster, this, host);
    }

    public SimulatedSession? TakeIdle(HostSpec host)
    {
        lock (_idle)
        {
            return _idle.TryGetValue(host.Endpoint, out var sessions) && sessions.TryPop(out var session) ? session : null;
        }
    }

    public void Return(HostSpec host, SimulatedSession session)
    {
        lock (_idle)
        {
            if (!_idle.TryGetValue(host.Endpoint, out var sessions))
            {
                _idle[host.Endpoint] = sessions = new Stack<SimulatedSession>();
            }

            sessions.Push(session);
        }
    }

    public ValueTask ClearPoolAsync(HostSpec host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_idle)
        {
            _idle.Remove(host.Endpoint);
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _idle.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
