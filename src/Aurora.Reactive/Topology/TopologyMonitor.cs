using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Watches one cluster's topology and publishes it as a stream shared by every connection: a snapshot
/// is emitted only when the shape changes, and late subscribers get the latest one at once.
/// Refreshes slowly by default and fast on demand; when the monitoring node is lost it asks every known
/// node in parallel and accepts a writer only when that node confirms it itself. Failures never stop
/// the monitor: they are reported on <see cref="Events"/>, the last good snapshot is kept and the next
/// attempt backs off. All timing runs on the given scheduler.
/// </summary>
/// <remarks>
/// Threading: state changes happen under one lock; snapshots and events are delivered in order, one at a
/// time, after the lock is released (through its <see cref="Outbox"/>), so a subscriber may call back into the
/// monitor or take its time without holding up other threads. A subscriber that throws is reported on
/// <see cref="Events"/> and unsubscribed; the monitor and the other subscribers carry on.
/// </remarks>
internal sealed partial class TopologyMonitor : IDisposable
{
    private readonly object _gate = new();
    private readonly IClusterNodeClient _client;
    private readonly IScheduler _scheduler;
    private readonly TopologyMonitorOptions _options;
    private readonly IReadOnlyList<HostSpec> _seedHosts;
    private readonly Outbox _outbox;
    private readonly Broadcast<TopologySnapshot> _snapshots;
    private readonly Broadcast<TopologyMonitorEvent> _events;
    private readonly Broadcast<WriterChange> _writerChanges;
    private readonly SerialDisposable _timer = new();
    private readonly SerialDisposable _operation = new();
    private readonly IDisposable _triggerSubscription;
    private HostSpec? _via;
    private HostSpec? _confirmedWriter;
    private TopologySnapshot? _current;
    private TopologySnapshot? _emitted;
    private HostSpec? _lastWriter;
    private DateTimeOffset _fastUntil = DateTimeOffset.MinValue;
    private TopologyRefreshMode _mode = TopologyRefreshMode.Slow;
    private int _failures;
    private string _lastRejectedKey = string.Empty;
    private long _generation;
    private bool _busy;
    private DateTimeOffset _operationStartedAt;
    private bool _operationFast;
    private bool _probeNext;
    private bool _hedgeNextRead;
    private (long Generation, HostSpec Via, CompositeDisposable Operation)? _unhedgedRead;
    private bool _disposed;

    /// <summary>Creates a monitor and schedules its first refresh at once.</summary>
    /// <param name="client">The I/O: topology reads and node probes.</param>
    /// <param name="seedHosts">The configured nodes: the first is the first monitoring node; all are always probed when the monitoring node is lost.</param>
    /// <param name="scheduler">Scheduler for every timer and timeout.</param>
    /// <param name="options">Timing; <see langword="null"/> for the defaults.</param>
    /// <param name="fastRefreshTrigger">Each value requests fast mode, as <see cref="RequestFastRefresh"/> (a connection failed, a failover started).</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="seedHosts"/> or <paramref name="scheduler"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="seedHosts"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="TopologyMonitorOptions.Validate"/>).</exception>
    public TopologyMonitor(
        IClusterNodeClient client,
        IEnumerable<HostSpec> seedHosts,
        IScheduler scheduler,
        TopologyMonitorOptions? options = null,
        IObservable<Unit>? fastRefreshTrigger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(seedHosts);
        ArgumentNullException.ThrowIfNull(scheduler);
        _outbox = new Outbox(_gate, error => ReportCaught("A delivery failed", error));
        _snapshots = new Broadcast<TopologySnapshot>(_outbox, error => ReportCaught("A subscriber threw", error));
        _events = new Broadcast<TopologyMonitorEvent>(_outbox, error => ReportCaught("An events subscriber threw", error));
        _writerChanges = new Broadcast<WriterChange>(_outbox, error => ReportCaught("A subscriber threw", error));
        _seedHosts = seedHosts.ToArray();
        if (_seedHosts.Count == 0)
        {
            throw new ArgumentException("seedHosts must name at least one node of the cluster; got none.", nameof(seedHosts));
        }

        _options = options ?? new TopologyMonitorOptions();
        _options.Validate();
        _client = client;
        _scheduler = scheduler;
        _via = _seedHosts[0];
        _triggerSubscription = fastRefreshTrigger?.Subscribe(
            _ => RequestFastRefresh(),
            ex => ReportLocked(TopologyMonitorEventKind.Error, $"The fast refresh trigger failed: {ex.Message}", ex)) ?? Disposable.Empty;
        _timer.Disposable = _scheduler.Schedule(Tick);
    }

    /// <summary>Topology snapshots, one per change of shape; the latest is replayed to each new subscriber. Completes on dispose.</summary>
    public IObservable<TopologySnapshot> Snapshots => Observable.Create<TopologySnapshot>(observer =>
        _snapshots.Subscribe(observer, () => _emitted is { } latest ? [latest] : []));

    /// <summary>
    /// Each time the topology names a writer that is another node than the last writer it named (a snapshot naming no
    /// writer changes nothing), delivered right after the snapshot. The one decision of "the writer changed" that the
    /// coordinator, the data source's pools and the client follow. Hot; completes on dispose.
    /// </summary>
    public IObservable<WriterChange> WriterChanges => _writerChanges;

    /// <summary>What the monitor does and runs into (refreshes, changes, errors, mode switches). Hot; completes on dispose.</summary>
    public IObservable<TopologyMonitorEvent> Events => _events;

    /// <summary>Where the monitor reports its fast-mode reads: the telemetry of the data source that created it.</summary>
    internal Diagnostics.AuroraTelemetry Telemetry { get; init; } = Diagnostics.AuroraTelemetry.Detached;

    /// <summary>The latest good snapshot (with the latest metrics), or <see langword="null"/> before the first good read.</summary>
    public TopologySnapshot? Current
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>The refresh rate in force.</summary>
    public TopologyRefreshMode Mode
    {
        get { lock (_gate) { return _mode; } }
    }

    /// <summary>The node the topology is read through, or <see langword="null"/> while it is lost and every node is being probed.</summary>
    public HostSpec? MonitoringNode
    {
        get { lock (_gate) { return _via; } }
    }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed
    {
        get { lock (_gate) { return _disposed; } }
    }

    /// <summary>
    /// Switches to fast mode until <see cref="TopologyMonitorOptions.FastModeLinger"/> from now (or later, if already
    /// further) and, when the monitor was slow and idle, refreshes at once. Safe to call often and from any thread.
    /// </summary>
    public void RequestFastRefresh() => RequestFastRefresh(suspect: null);

    /// <summary>
    /// As <see cref="RequestFastRefresh()"/>, because a statement on <paramref name="suspect"/> has gone unanswered for
    /// longer than a healthy one takes (the node may be frozen): the read that is running, or the one started now, does
    /// not wait <see cref="TopologyMonitorOptions.ReadHedgeDelay"/> before the other nodes are asked their role, since the
    /// monitoring connection may be stuck on the same node (through a cluster endpoint too). A read that answers at once
    /// ends those probes; one that does not lets a promotion elsewhere be seen as soon as the promoted node says so.
    /// </summary>
    /// <param name="suspect">The node whose statement stalls; <see langword="null"/> for a plain fast refresh request.</param>
    public void RequestFastRefresh(HostSpec? suspect)
    {
        using (EnterGate())
        {
            if (_disposed)
            {
                return;
            }

            var wasFast = _mode == TopologyRefreshMode.Fast;
            ExtendFastMode();
            if (suspect is not null)
            {
                if (_busy && _unhedgedRead is { } read && read.Generation == _generation)
                {
                    StartHedge(read.Generation, read.Via, read.Operation);
                    return;
                }

                if (!_busy)
                {
                    _hedgeNextRead = true;
                    _timer.Disposable = _scheduler.Schedule(Tick);
                    return;
                }
            }

            if (!wasFast && !_busy)
            {
                _timer.Disposable = _scheduler.Schedule(Tick);
            }
        }
    }

    private void ReportLocked(TopologyMonitorEventKind kind, string message, Exception error)
    {
        using (EnterGate())
        {
            Report(kind, message, error: error);
        }
    }

    /// <summary>Stops polling, cancels the operation in flight and completes <see cref="Snapshots"/> and <see cref="Events"/>.</summary>
    public void Dispose()
    {
        using (EnterGate())
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            _operation.Dispose();
            _triggerSubscription.Dispose();
            _snapshots.Complete();
            _events.Complete();
            _writerChanges.Complete();
        }
    }

    private Outbox.Scope EnterGate() => _outbox.Enter();

    private void ReportCaught(string what, Exception error) => ReportLocked(TopologyMonitorEventKind.Error, $"{what}: {error.Message}", error);
}
