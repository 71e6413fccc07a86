using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Client;

/// <summary>
/// The reactive front door to one cluster: runs units of work on the writer (or a reader) and, when a
/// failover interrupts one, waits for the new node and runs it again, so that the caller sees only the
/// result; and shows the cluster as streams (<see cref="HostHealth"/>, <see cref="Topology"/>,
/// <see cref="ConnectionStates"/>, <see cref="Events"/>). Create one per cluster and share it: it is
/// thread-safe, and all its calls share the data source's per-host pools, one topology monitor and one
/// health monitor per host. Dispose it at shutdown: that stops every monitor, timer and connection it started.
/// </summary>
/// <remarks>
/// <para>The guarantee of <see cref="ExecuteInTransactionAsync{T}(Func{System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CancellationToken, Task{T}}, CancellationToken)"/>
/// on PostgreSQL: when the call returns normally, the unit's transaction committed exactly once, as the
/// surviving writer's history sees it, and the value returned is the one the committed run produced. The
/// client opens the transaction and takes <c>txid_current()</c>, the WAL position and the WAL timeline in it.
/// A unit interrupted before its COMMIT was sent is rolled back and run again. A unit interrupted while its
/// COMMIT was in flight is not run again blindly: the client asks the writer it reaches next
/// (<c>txid_status</c>) and returns the first run's result when the transaction committed, runs the unit again
/// when it did not (aborted, never seen by the new writer, or, on the same writer, once the old session has
/// been ended), and throws <see cref="Failover.TransactionResolutionUnknownException"/> (the unit is not run
/// again) when the writer cannot tell: the id is too old, or the old session still holds the transaction open
/// five seconds after it was ended. On the same timeline the answer is exact. After a promotion, a "committed"
/// for an id the new writer may have handed out again is accepted only when the new writer replayed WAL past
/// the point where the transaction started; a transaction none of whose WAL reached the new writer but whose
/// id the new writer then reused for a transaction that also replayed past that point would be taken for
/// committed: the residual risk, which the quick check after the failover makes small.</para>
/// <para>Other drivers (no outcome check): a COMMIT interrupted in flight ends in
/// <see cref="Failover.TransactionResolutionUnknownException"/>.</para>
/// <para>Units run with <see cref="ExecuteAsync{T}(Func{System.Data.Common.DbConnection, CancellationToken, Task{T}}, CancellationToken)"/> get no
/// such check: they are run again after any interruption, so their writes must be idempotent (at least once).</para>
/// <para>Subscribers that throw are logged and do not break the client or the other subscribers.</para>
/// </remarks>
public sealed partial class AuroraClient : IAsyncDisposable
{
    private readonly AuroraDataSource _dataSource;
    private readonly IScheduler _scheduler;
    private readonly AuroraTelemetry _telemetry;
    private readonly RerunLoop _loop;
    private readonly ICommitOutcomeResolver? _resolver;
    private readonly ClusterWatch? _watch;

    internal AuroraClient(
        AuroraDataSource dataSource,
        AuroraClientOptions options,
        IScheduler scheduler,
        ICommitOutcomeResolver? resolver,
        Func<AuroraClient, ClusterWatch?> createWatch)
    {
        _dataSource = dataSource;
        _drained = dataSource.HandOff.NewCompletion<bool>();
        Options = options;
        _scheduler = scheduler;
        _telemetry = dataSource.Telemetry;
        _resolver = options.VerifyCommitOutcome ? resolver : null;
        _loop = new RerunLoop(scheduler, options);
        _streams = new Outbox(_streamGate, OnSubscriberError);
        _states = new Broadcast<LogicalConnectionState>(_streams, OnSubscriberError);
        _watch = createWatch(this);
        if (_watch is not null)
        {
            WatchCluster(_watch);
        }

        _telemetry.ClientCreated(dataSource.InitialHost.Endpoint);
    }

    /// <summary>The ADO.NET data source the client runs on, for code that wants connections of its own.</summary>
    public AuroraDataSource DataSource => _dataSource;

    /// <summary>The re-run settings.</summary>
    public AuroraClientOptions Options { get; }

    /// <summary>The database driver.</summary>
    public IDatabaseDriver Driver => _dataSource.Driver;

    /// <summary>
    /// The health of every host of the cluster (each host of the topology is probed when
    /// <see cref="AuroraClientOptions.WatchAllHosts"/> is on): at subscription the latest health of each
    /// monitored host, then every change. Completes when the client is disposed.
    /// </summary>
    public IObservable<HostHealth> HostHealth => _watch?.Registry.Health ?? Observable.Empty<HostHealth>();

    /// <summary>Topology snapshots, one per change of shape; the latest is replayed to a new subscriber. Completes when the client is disposed.</summary>
    public IObservable<TopologySnapshot> Topology => _watch?.Topology ?? Observable.Empty<TopologySnapshot>();

    /// <summary>The latest topology, or <see langword="null"/> before the first read.</summary>
    public TopologySnapshot? CurrentTopology => _watch?.Current;

    /// <summary>Every state change of every logical connection the client opens (opening, open on a host, broken, failing over, failed, closed). Hot; completes on dispose.</summary>
    internal IObservable<LogicalConnectionState> ConnectionStates => _states;

    /// <summary>
    /// What the client goes through: failovers started, writers found, failovers finished (with their duration), re-runs,
    /// commit outcomes, writer changes, monitor errors, and the verdicts of failure monitoring on its data source. The same
    /// facts go to the log, the <c>Aurora.Reactive</c> meter and activity source. Hot; completes on dispose.
    /// </summary>
    public IObservable<AuroraClientEvent> Events => _telemetry.Events;

    /// <summary>Creates a client with the default options.</summary>
    /// <param name="connectionString">The connection string: the driver's keys and this library's (see <see cref="Options.AuroraOptions"/>).</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid; the message names the key and the value.</exception>
    public static AuroraClient Create(string connectionString, IDatabaseDriver driver) => CreateBuilder(connectionString, driver).Build();

    /// <summary>Starts a builder, to set logging, the scheduler, re-run options and failover policies.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="driver">The database driver.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static AuroraClientBuilder CreateBuilder(string connectionString, IDatabaseDriver driver) => new(connectionString, driver);
}
