using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Scheduling;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The failover handler of one data source (one cluster): executes an <see cref="IFailoverPolicy"/>'s decisions
/// (connect, ask the node its role, hand the verified connection over) within <see cref="FailoverTiming.Timeout"/>,
/// puts the shared topology monitor in fast mode, and reports every outcome on <see cref="Reports"/>.
/// Connections that fail on the same node at the same time share one search: one policy run and one set of
/// attempts; the first gets the connection the search opened, the others connect to the node it found.
/// When a topology snapshot shows a new writer, every attached connection still on the old writer is told
/// at once (<see cref="ILogicalConnection.ReportHostLost"/>) instead of waiting for its own error.
/// </summary>
internal sealed partial class FailoverCoordinator : IFailoverHandler, IDisposable
{
    private const string ReportsStream = "the failover coordinator's reports";
    private const string VerdictsStream = "the failover coordinator's host verdicts";
    private static readonly TimeSpan ResearchPause = TimeSpan.FromMilliseconds(100);
    private readonly object _gate = new();
    private readonly IObservable<TopologySnapshot> _topology;
    private readonly IObservable<WriterChange> _writerChanges;
    private readonly Action _requestFastRefresh;
    private readonly Action<HostSpec> _reportStall;
    private readonly Func<IHostConnectionFactory, IFailoverConnector> _connectorFor;
    private readonly HostVerdicts _verdicts;
    private readonly IScheduler _scheduler;
    private readonly HandOff _handOff;
    private readonly Dictionary<(NodeId Node, bool IsReadOnly), IObservable<FailoverSearchResult>> _searches = [];
    private readonly HashSet<TaskCompletionSource<FailoverOutcome>> _running = [];
    private readonly Outbox _outbox;
    private readonly Broadcast<FailoverReport> _reports;
    private readonly CompositeDisposable _owned = new();
    private int _searchCount;
    private bool _disposed;

    /// <summary>Creates a coordinator over a shared topology monitor.</summary>
    /// <param name="monitor">The cluster's topology monitor (not owned: dispose its lease yourself, or pass it to <see cref="Own"/>).</param>
    /// <param name="dialect">The cluster flavour, used to ask a node its role.</param>
    /// <param name="mode">The failover mode.</param>
    /// <param name="timing">The failover timing; <see langword="null"/> for <see cref="FailoverTiming.Default"/>.</param>
    /// <param name="policy">The policy; <see langword="null"/> for the built-in policy of <paramref name="mode"/>.</param>
    /// <param name="health">Host health from failure monitoring; <see langword="null"/> when monitoring is off.</param>
    /// <param name="scheduler">Scheduler for every timer; <see langword="null"/> for the system clock (<see cref="Scheduling.SystemClock"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> or <paramref name="dialect"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode.</exception>
    public FailoverCoordinator(
        TopologyMonitor monitor,
        IClusterDialect dialect,
        FailoverMode mode,
        FailoverTiming? timing = null,
        IFailoverPolicy? policy = null,
        IObservable<HostHealth>? health = null,
        IScheduler? scheduler = null,
        HandOff? handOff = null)
        : this(
            (monitor ?? throw new ArgumentNullException(nameof(monitor))).Snapshots,
            monitor.WriterChanges,
            monitor.RequestFastRefresh,
            CheckDialect(dialect, handOff),
            mode,
            timing ?? FailoverTiming.Default,
            policy ?? FailoverPolicies.ForMode(mode),
            health,
            scheduler ?? Connections.AuroraDataSourceBuilder.DefaultClock,
            monitor.RequestFastRefresh,
            monitor.Events,
            handOff)
    {
    }

    internal FailoverCoordinator(
        IObservable<TopologySnapshot> topology,
        IObservable<WriterChange> writerChanges,
        Action requestFastRefresh,
        Func<IHostConnectionFactory, IFailoverConnector> connectorFor,
        FailoverMode mode,
        FailoverTiming timing,
        IFailoverPolicy policy,
        IObservable<HostHealth>? health,
        IScheduler scheduler,
        Action<HostSpec>? reportStall = null,
        IObservable<TopologyMonitorEvent>? topologyEvents = null,
        HandOff? handOff = null)
    {
        // Telemetry is read when a subscriber throws, not now: it is set after construction. The subscriber is unsubscribed
        // and the failover it was told about carries on.
        _outbox = new Outbox(_gate, error => Telemetry.StreamSubscriberFailed(ReportsStream, error));
        _reports = new Broadcast<FailoverReport>(_outbox, error => Telemetry.StreamSubscriberFailed(ReportsStream, error));
        _verdicts = new HostVerdicts(error => Telemetry.StreamSubscriberFailed(VerdictsStream, error));
        _handOff = handOff ?? HandOff.ThreadPool;
        _topology = topology;
        _writerChanges = writerChanges;
        _requestFastRefresh = requestFastRefresh;
        _reportStall = reportStall ?? (_ => requestFastRefresh());
        _connectorFor = connectorFor;
        Mode = mode;
        Timing = timing;
        Policy = policy;
        _scheduler = scheduler;
        TopologyEvents = topologyEvents ?? Observable.Empty<TopologyMonitorEvent>();
        _owned.Add(_verdicts);
        if (health is not null)
        {
            _verdicts.Follow(health);
        }

        _verdicts.Follow(TopologyEvents);
        _owned.Add(WatchWriter());
    }

    /// <summary>
    /// Builds the coordinator a connection string asks for, as <c>AuroraDataSource.Create(string, driver)</c> does, but with
    /// a policy of your own: the dialect, the instance resolver and the topology monitor shared process-wide by cluster key.
    /// Pass it to <see cref="AuroraDataSource.Create(Options.AuroraConnectionString, Drivers.IDatabaseDriver, IFailoverHandler?)"/>
    /// and dispose it after the data source.
    /// </summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="driver">The database driver, whose factory opens the monitoring connections.</param>
    /// <param name="policy">The policy; <see langword="null"/> for the built-in policy of the string's <c>failover_mode</c>.</param>
    /// <returns>The coordinator, or <see langword="null"/> when the string turns failover off.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="driver"/> is <see langword="null"/>.</exception>
    public static FailoverCoordinator? Create(Options.AuroraConnectionString connectionString, Drivers.IDatabaseDriver driver, IFailoverPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(driver);
        return FailoverSetup.CreateCoordinator(connectionString, driver, policy);
    }

    /// <summary>The failover mode.</summary>
    public FailoverMode Mode { get; }

    /// <summary>The failover timing.</summary>
    public FailoverTiming Timing { get; }

    /// <summary>The cluster's topology snapshots the coordinator follows (the latest replayed at subscription).</summary>
    public IObservable<TopologySnapshot> Topology => _topology;

    /// <summary>
    /// What the shared topology monitor does and runs into (refreshes, changes, errors, mode switches), for logs and
    /// diagnosis. Hot; empty for a coordinator built without a monitor.
    /// </summary>
    public IObservable<TopologyMonitorEvent> TopologyEvents { get; }

    /// <summary>The policy whose decisions are executed.</summary>
    public IFailoverPolicy Policy { get; }

    /// <summary>Where the coordinator reports each connection's failover: its data source's telemetry.</summary>
    internal Diagnostics.AuroraTelemetry Telemetry { get; init; } = Diagnostics.AuroraTelemetry.Detached;

    /// <summary>One report per ended failover, success or failure. Hot; completes on dispose.</summary>
    public IObservable<FailoverReport> Reports => _reports;

    /// <summary>
    /// The verdicts of failure monitoring the policies see (<see cref="ClusterSignals.Health"/>): the nodes declared dead
    /// at subscription, then each verdict and each clearing (a probe answered, or a topology read the node answered
    /// after its verdict). Completes on dispose.
    /// </summary>
    public IObservable<HostHealth> Verdicts => _verdicts.Changes;

    /// <summary>How many searches (policy runs) were started; connections failing together share one.</summary>
    public int SearchCount => Volatile.Read(ref _searchCount);

    /// <summary>Takes failure monitoring's verdicts from <paramref name="health"/> (a data source's host monitors) until disposed.</summary>
    /// <param name="health">The host health stream.</param>
    /// <returns>Stops following it.</returns>
    public IDisposable FollowHealth(IObservable<HostHealth> health) => _verdicts.Follow(health ?? throw new ArgumentNullException(nameof(health)));

    /// <summary>Whether a verdict of failure monitoring stands on <paramref name="host"/>, so that no new connection opens there.</summary>
    /// <param name="host">The node.</param>
    /// <returns><see langword="true"/> while it is declared dead.</returns>
    public bool IsDead(HostSpec host) => _verdicts.IsDead(host);

    /// <summary>Makes the coordinator dispose <paramref name="resource"/> (a topology monitor lease, a pool) when it is disposed.</summary>
    /// <param name="resource">The resource.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is <see langword="null"/>.</exception>
    public void Own(IDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        _owned.Add(resource);
    }

    /// <summary>Ends every running failover with a failure, stops watching the topology and disposes what it owns.</summary>
    public void Dispose()
    {
        TaskCompletionSource<FailoverOutcome>[] running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = [.. _running];
            _running.Clear();
            _searches.Clear();
        }

        foreach (var failover in running)
        {
            failover.TrySetResult(FailoverOutcome.Failure("the data source was disposed"));
        }

        _owned.Dispose();
        using (_outbox.Enter())
        {
            _reports.Complete();
        }
    }

    private static Func<IHostConnectionFactory, IFailoverConnector> CheckDialect(IClusterDialect dialect, HandOff? handOff)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return connections => new DbFailoverConnector(connections, dialect, handOff);
    }
}
