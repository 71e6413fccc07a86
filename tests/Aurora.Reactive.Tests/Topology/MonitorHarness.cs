using System.Reactive;
using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

/// <summary>A virtual-time scheduler, a simulated cluster and a monitor, with everything the monitor emitted recorded.</summary>
internal sealed class MonitorHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _subscriptions = [];
    private TopologyMonitor? _monitor;

    public MonitorHarness(bool supportsTopologyQuery = true)
    {
        Cluster = new SimulatedCluster(Scheduler, supportsTopologyQuery);
    }

    public HistoricalScheduler Scheduler { get; } = new(Start);

    public SimulatedCluster Cluster { get; }

    public List<TopologySnapshot> Snapshots { get; } = [];

    public List<TopologyMonitorEvent> Events { get; } = [];

    public bool SnapshotsCompleted { get; private set; }

    public TopologyMonitorOptions Options { get; set; } = new();

    public TopologyMonitor Monitor => _monitor ?? throw new InvalidOperationException("Call StartMonitor first.");

    /// <summary>A three-node cluster: instance-1 writer, instance-2 and instance-3 readers.</summary>
    public MonitorHarness WithThreeNodes()
    {
        Cluster.AddNode("instance-1", isReader: false);
        Cluster.AddNode("instance-2", isReader: true);
        Cluster.AddNode("instance-3", isReader: true);
        return this;
    }

    public TopologyMonitor StartMonitor(IEnumerable<HostSpec>? seeds = null, IObservable<Unit>? trigger = null)
    {
        _monitor = new TopologyMonitor(Cluster, seeds ?? Cluster.Nodes.Select(n => n.Host), Scheduler, Options, trigger);
        _subscriptions.Add(_monitor.Events.Subscribe(Events.Add));
        _subscriptions.Add(_monitor.Snapshots.Subscribe(Snapshots.Add, () => SnapshotsCompleted = true));
        return _monitor;
    }

    public void Advance(TimeSpan by) => Scheduler.AdvanceBy(by);

    /// <summary>Runs what is due now. The virtual clock ignores a zero advance, so this moves it by one tick.</summary>
    public void RunDue() => Scheduler.AdvanceBy(TimeSpan.FromTicks(1));

    public void AdvanceTo(TimeSpan sinceStart) => Scheduler.AdvanceTo(Start + sinceStart);

    public IEnumerable<TopologyMonitorEvent> EventsOf(TopologyMonitorEventKind kind) => Events.Where(e => e.Kind == kind);

    public TimeSpan SinceStart(TopologyMonitorEvent e) => e.Time - Start;

    public string? WriterId(int snapshotIndex) => Snapshots[snapshotIndex].Writer?.InstanceId;

    public void Dispose()
    {
        _monitor?.Dispose();
        _subscriptions.ForEach(s => s.Dispose());
    }
}
