using System.Data.Common;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Client;

/// <summary>
/// The client's view of its cluster: a hold on the cluster's topology monitor (the one the failover
/// coordinator shares process-wide by cluster key; created here when failover is off) and the data source's
/// host monitors (its own when failure monitoring is off), which, when asked, it keeps probing every host of
/// the topology so that the health of all hosts is known, not only of those running a command.
/// </summary>
internal sealed partial class ClusterWatch : IDisposable
{
    private readonly object _gate = new();
    private readonly Action<string, Exception?> _onMonitorError;
    private readonly Outbox _outbox;
    private readonly Broadcast<TopologySnapshot> _topology;
    private readonly CompositeDisposable _subscriptions = new();
    private readonly FailureDetectionSettings _detection;
    private readonly TopologyMonitorLease _lease;
    private readonly bool _ownsRegistry;
    private TopologySnapshot? _latest;
    private bool _disposed;

    public ClusterWatch(
        AuroraConnectionString connectionString,
        IDatabaseDriver driver,
        AuroraDataSource dataSource,
        IScheduler scheduler,
        bool watchAllHosts,
        Action<string, Exception?> onMonitorError)
    {
        _onMonitorError = onMonitorError;
        _outbox = new Outbox(_gate, error => onMonitorError($"a topology subscriber threw: {error.Message}", error));
        _topology = new Broadcast<TopologySnapshot>(_outbox, error => onMonitorError($"a topology subscriber threw: {error.Message}", error));
        _detection = dataSource.Settings.HostMonitoring?.Detection ?? FailureDetectionSettings.FromOptions(connectionString.Options);
        _ownsRegistry = dataSource.Monitors is null;
        Registry = dataSource.Monitors ?? new HostMonitorRegistry((_, _) => HostProbers.Create(ProbeMethod.SelectOne, (h, ct) => OpenAsync(dataSource.Connections, h, ct)), scheduler);
        var dialect = FailoverSetup.ChooseDialect(connectionString, driver);
        _lease = FailoverSetup.AcquireMonitor(connectionString, driver, dialect, scheduler, telemetry: dataSource.Telemetry);
        if (watchAllHosts)
        {
            _subscriptions.Add(Topology.Subscribe(WatchHostsOf));
        }

        _subscriptions.Add(_lease.Monitor.Events
            .Where(e => e.Kind == TopologyMonitorEventKind.Error)
            .Subscribe(e => _onMonitorError($"topology: {e.Message}", e.Error)));
        _subscriptions.Add(_lease.Monitor.Snapshots.Subscribe(OnSnapshot));
    }

    /// <summary>The host monitors: the data source's, shared with its commands.</summary>
    public HostMonitorRegistry Registry { get; }

    /// <summary>Whether <see cref="Registry"/> is the watch's own (failure monitoring is off in the data source).</summary>
    public bool OwnsRegistry => _ownsRegistry;

    /// <summary>Topology snapshots; the latest is replayed. Completes on dispose.</summary>
    public IObservable<TopologySnapshot> Topology => Observable.Create<TopologySnapshot>(observer =>
        _topology.Subscribe(observer, () => _latest is { } latest ? [latest] : []));

    /// <summary>The topology monitor's writer changes (<see cref="TopologyMonitor.WriterChanges"/>). Hot.</summary>
    public IObservable<WriterChange> WriterChanges => _lease.Monitor.WriterChanges;

    /// <summary>The latest snapshot, or <see langword="null"/> before the first read.</summary>
    public TopologySnapshot? Current => _lease.Monitor.Current;

    /// <summary>Asks the topology monitor for fast refreshes (a failover started).</summary>
    public void RequestFastRefresh() => _lease.Monitor.RequestFastRefresh();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _subscriptions.Dispose();
        DisposeHostWatches();
        _lease.Dispose();
        if (_ownsRegistry)
        {
            Registry.Dispose();
        }

        using (_outbox.Enter())
        {
            _topology.Complete();
        }
    }

    private void OnSnapshot(TopologySnapshot snapshot)
    {
        using (_outbox.Enter())
        {
            _latest = snapshot;
            _topology.Publish(snapshot);
        }
    }

    private static async Task<DbConnection> OpenAsync(IHostConnectionFactory connections, HostSpec host, CancellationToken cancellationToken)
    {
        var connection = connections.CreateConnection(host);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
