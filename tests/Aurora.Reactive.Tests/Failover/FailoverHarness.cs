using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Scheduling;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Topology;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>
/// A coordinator over a real <see cref="TopologyMonitor"/> and a <see cref="SimulatedCluster"/> of instance-1
/// (writer, first seed) to instance-N, all in virtual time.
/// </summary>
internal sealed class FailoverHarness : IDisposable
{
    private readonly FakeConnectionFactory _factory = new("instance-1.cluster.test:5432");

    public FailoverHarness(
        TestScheduler scheduler,
        int nodes = 3,
        FailoverMode mode = FailoverMode.StrictWriter,
        FailoverTiming? timing = null,
        TopologyMonitorOptions? monitorOptions = null,
        IFailoverPolicy? policy = null,
        AuroraTelemetry? telemetry = null,
        HandOff? handOff = null)
    {
        Scheduler = scheduler;
        HandOff = handOff;
        Cluster = new SimulatedCluster(scheduler);
        for (var i = 1; i <= nodes; i++)
        {
            Cluster.AddNode($"instance-{i}", isReader: i != 1);
        }

        telemetry ??= AuroraTelemetry.Detached;
        Monitor = new TopologyMonitor(Cluster, Cluster.Nodes.Select(n => n.Host), scheduler, monitorOptions ?? new TopologyMonitorOptions()) { Telemetry = telemetry };
        Connector = new SimulatedFailoverConnector(Cluster, scheduler);
        Coordinator = new FailoverCoordinator(
            Monitor.Snapshots, Monitor.WriterChanges, Monitor.RequestFastRefresh, _ => Connector, mode, timing ?? FailoverTiming.Default, policy ?? FailoverPolicies.ForMode(mode), Health, scheduler,
            Monitor.RequestFastRefresh, Monitor.Events, handOff) { Telemetry = telemetry };
        Coordinator.Reports.Subscribe(Reports.Add);
    }

    public TestScheduler Scheduler { get; }

    /// <summary>Where the coordinator's continuations run: the thread pool unless the test gave a queue of its own.</summary>
    public HandOff? HandOff { get; }

    public SimulatedCluster Cluster { get; }

    public TopologyMonitor Monitor { get; }

    public SimulatedFailoverConnector Connector { get; }

    public FailoverCoordinator Coordinator { get; }

    public List<FailoverReport> Reports { get; } = [];

    /// <summary>Failure monitoring's host health, as a data source's host monitors would report it.</summary>
    public Subject<HostHealth> Health { get; } = new();

    /// <summary>Failure monitoring declares <paramref name="instanceId"/> dead now.</summary>
    public void DeclareDead(string instanceId) =>
        Health.OnNext(new HostHealth(Cluster.Node(instanceId).Host, HostHealthStatus.Unhealthy, 3, null, Scheduler.Now));

    public HostSpec Writer(string instanceId) => Cluster.Node(instanceId).Host with { Role = HostRole.Writer };

    public HostSpec Reader(string instanceId) => Cluster.Node(instanceId).Host with { Role = HostRole.Reader };

    public int TopologyReads => Cluster.Nodes.Sum(n => n.TopologyReads);

    /// <summary>Starts a failover of a connection on <paramref name="failed"/>; <paramref name="isNodeFailure"/> as the logical connection judges errors (every error a node failure unless given).</summary>
    public Task<FailoverOutcome> FailOver(HostSpec failed, bool inTransaction = false, Func<Exception, bool>? isNodeFailure = null) =>
        Coordinator.FailOverAsync(
            new FailoverRequest(new SimulatedLogicalConnection(failed), failed, new IOException("connection reset"), Aurora.Reactive.Drivers.DriverErrorKind.NodeUnavailable, inTransaction, false, _factory)
            {
                IsNodeFailure = isNodeFailure ?? (_ => true),
            },
            CancellationToken.None);

    /// <summary>Opens a new connection where the topology says, as a logical connection of a data source does.</summary>
    public Task<TopologyOpenResult> Open(OpenTarget target, Func<HostSpec, bool>? isDead = null) =>
        Coordinator.OpenAsync(
            new TopologyOpenRequest(_factory, target, _factory.InitialHost, isDead ?? (_ => false), error => error is IOException),
            CancellationToken.None).AsTask();

    /// <summary>Pins the published topology to what it is now, then makes <paramref name="instanceId"/> the writer by role only.</summary>
    public void PromoteUnpublished(string instanceId)
    {
        Cluster.Publish(Cluster.CurrentRows());
        foreach (var node in Cluster.Nodes)
        {
            node.IsReader = node.InstanceId != instanceId;
        }
    }

    public void Crash(string instanceId) => Cluster.Node(instanceId).Failure = new IOException($"{instanceId} refused the connection");

    public void Dispose()
    {
        Coordinator.Dispose();
        Monitor.Dispose();
        _factory.Dispose();
    }
}
