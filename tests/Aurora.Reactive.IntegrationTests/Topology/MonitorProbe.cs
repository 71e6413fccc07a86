using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.IntegrationTests.Topology;

/// <summary>A real-time topology monitor over a kit cluster, with the time each snapshot arrived.</summary>
internal sealed class MonitorProbe : IDisposable
{
    private readonly IDisposable _snapshotSubscription;
    private readonly IDisposable _eventSubscription;

    public MonitorProbe(LocalPostgresCluster cluster, IClusterDialect dialect, IReadOnlyList<HostSpec> seeds, TopologyMonitorOptions options)
    {
        var client = new DbClusterNodeClient(KitNodes.Opener(cluster, ApplicationName), dialect, KitNodes.Resolver(cluster), Scheduler.Default, options.OperationTimeout);
        Monitor = new TopologyMonitor(client, seeds, Scheduler.Default, options);
        _snapshotSubscription = Monitor.Snapshots.Subscribe(s => Arrivals.Enqueue((Stopwatch.GetTimestamp(), s)));
        _eventSubscription = Monitor.Events.Subscribe(Events.Enqueue);
    }

    public TopologyMonitor Monitor { get; }

    /// <summary>The application name of this monitor's connections, to count them on the servers.</summary>
    public string ApplicationName { get; } = "topology-monitor-" + Guid.NewGuid().ToString("N")[..8];

    public ConcurrentQueue<(long Timestamp, TopologySnapshot Snapshot)> Arrivals { get; } = new();

    public ConcurrentQueue<TopologyMonitorEvent> Events { get; } = new();

    /// <summary>The first snapshot (replayed included) that matches, with the stopwatch timestamp it arrived at; fails after <paramref name="timeout"/>.</summary>
    public async Task<(long Timestamp, TopologySnapshot Snapshot)> WaitForAsync(Func<TopologySnapshot, bool> match, TimeSpan timeout, string what)
    {
        try
        {
            await Monitor.Snapshots.Where(match).FirstAsync().Timeout(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No snapshot where {what} within {timeout.TotalSeconds} s; saw: {string.Join(" | ", Arrivals.Select(a => a.Snapshot))}; events: {string.Join(" | ", Events.TakeLast(10))}");
        }

        return Arrivals.First(a => match(a.Snapshot));
    }

    public void Dispose()
    {
        Monitor.Dispose();
        _snapshotSubscription.Dispose();
        _eventSubscription.Dispose();
    }
}
