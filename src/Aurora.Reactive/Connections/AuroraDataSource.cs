using System.Data.Common;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;
using System.Reactive.Concurrency;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The entry point of the ADO.NET surface: a <see cref="DbDataSource"/> that hands out
/// <see cref="AuroraConnection"/>s. It owns the driver's per-host pools; dispose it when the
/// application shuts down.
/// </summary>
public sealed partial class AuroraDataSource : DbDataSource
{
    private readonly IHostConnectionFactory _connections;
    private readonly Func<HostSpec, CancellationToken, ValueTask<string>>? _passwordProvider;
    private IDisposable? _ownedHandler;
    private int _disposed;

    private AuroraDataSource(
        IDatabaseDriver driver, IHostConnectionFactory connections, AuroraConnectionSettings settings, string driverConnectionString, IScheduler scheduler, Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider, AuroraTelemetry? telemetry,
        HandOff? handOff)
    {
        HandOff = handOff ?? HandOff.ThreadPool;
        _passwordProvider = passwordProvider;
        Telemetry = telemetry ?? new AuroraTelemetry(settings.LoggerFactory, scheduler, connections.InitialHost.Endpoint);
        Driver = driver;
        Clock = new SchedulerTimeProvider(scheduler);
        StallClock = new StallClock(scheduler, CommandWatch.Deferral);
        _connections = connections;
        Settings = settings;
        InitialHost = connections.InitialHost with { Role = settings.InitialHostRole };
        OpeningState = new LogicalConnectionState(LogicalConnectionStatus.Opening, InitialHost);
        OpenOnInitialHostState = new LogicalConnectionState(LogicalConnectionStatus.Open, InitialHost);
        try
        {
            Monitors = CreateMonitors(driverConnectionString);
            WatchTopology();
        }
        catch
        {
            connections.Dispose();
            Telemetry.Dispose();
            throw;
        }
    }

    /// <summary>Creates a data source from a plain driver connection string (none of this library's keys) and explicit settings.</summary>
    /// <param name="connectionString">The driver's connection string; its host names the initial node.</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <param name="settings">Failover behaviour; <see cref="AuroraConnectionSettings.Default"/> for a pass-through data source.
    /// Required, so that this overload is never picked by accident for a connection string with this library's keys:
    /// those go to <see cref="Create(string, IDatabaseDriver)"/>.</param>
    /// <returns>The data source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/>, <paramref name="driver"/> or <paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The driver rejects the connection string.</exception>
    internal static AuroraDataSource Create(string connectionString, IDatabaseDriver driver, AuroraConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(settings);
        return Create(connectionString, driver, settings, settings.HostMonitoring?.Scheduler ?? AuroraDataSourceBuilder.DefaultClock, null, null);
    }

    /// <summary>
    /// The data source <see cref="AuroraDataSourceBuilder"/> builds: on <paramref name="scheduler"/>, owning
    /// <paramref name="ownedHandler"/> and <paramref name="telemetry"/> (a new one on the scheduler when <see langword="null"/>).
    /// </summary>
    internal static AuroraDataSource Create(
        string connectionString,
        IDatabaseDriver driver,
        AuroraConnectionSettings settings,
        IScheduler scheduler,
        IDisposable? ownedHandler,
        Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null,
        AuroraTelemetry? telemetry = null,
        HandOff? handOff = null)
    {
        var connections = passwordProvider is null ? driver.CreateConnectionFactory(connectionString) : driver.CreateConnectionFactory(connectionString, passwordProvider);
        return new(driver, connections, settings, connectionString, scheduler, passwordProvider, telemetry, handOff) { _ownedHandler = ownedHandler };
    }

    /// <summary>
    /// Creates a data source from a connection string with this library's keys and the driver's: with failover on
    /// (the default), it builds the cluster's failover coordinator (dialect, instance resolver, the topology monitor
    /// shared process-wide by cluster key) and disposes it with the data source; <c>enable_failover=false</c> gives
    /// a pass-through data source.
    /// </summary>
    /// <param name="connectionString">The connection string, read by <see cref="Options.AuroraConnectionString.Parse"/>.</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <returns>The data source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="driver"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is invalid (the message names the key and value), or the driver rejects its part.</exception>
    public static AuroraDataSource Create(string connectionString, IDatabaseDriver driver) =>
        new AuroraDataSourceBuilder(connectionString, driver).Build();

    /// <summary>
    /// Creates a data source from a connection string that may hold this library's keys
    /// (<c>enable_failover</c>, <c>failover_mode</c>, <c>keep_session_state_on_failover</c>...): the driver
    /// receives only its own keys, and the settings follow <see cref="AuroraConnectionSettings.From"/>.
    /// </summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="driver">The database driver.</param>
    /// <param name="failoverHandler">The failover coordinator, used only when the string leaves failover on.</param>
    /// <returns>The data source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="driver"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The driver rejects its part of the connection string.</exception>
    internal static AuroraDataSource Create(Options.AuroraConnectionString connectionString, IDatabaseDriver driver, IFailoverHandler? failoverHandler)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return Create(connectionString.DriverConnectionString, driver, AuroraConnectionSettings.From(connectionString, failoverHandler));
    }

    /// <summary>The database driver.</summary>
    public IDatabaseDriver Driver { get; }

    /// <summary>The failover settings every connection of this data source uses.</summary>
    internal AuroraConnectionSettings Settings { get; }

    /// <summary>The factory of physical connections, shared with the failover handler.</summary>
    public IHostConnectionFactory Connections => _connections;

    /// <summary>The connection string without password.</summary>
    public override string ConnectionString => _connections.DisplayConnectionString;

    internal HostSpec InitialHost { get; }

    /// <summary>Everything the data source (and a client built on it) reports: logs, metrics, spans, events.</summary>
    internal AuroraTelemetry Telemetry { get; }

    /// <summary>The data source's one clock (the builder's scheduler), for the .NET APIs that take a <see cref="TimeProvider"/>.</summary>
    internal SchedulerTimeProvider Clock { get; }

    /// <summary>The one timer of the watches of this data source's statements (see <see cref="CommandWatch"/>).</summary>
    internal StallClock StallClock { get; }

    /// <summary>The races its statements run against a loss report, reused across its connections.</summary>
    internal LossRace.Pool LossRaces { get; } = new();

    /// <summary>Where the data source's asynchronous hand-offs run (the builder's; the thread pool by default).</summary>
    internal HandOff HandOff { get; }

    internal LogicalConnectionState OpeningState { get; }

    internal LogicalConnectionState OpenOnInitialHostState { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Creates a closed connection.</summary>
    /// <returns>A new logical connection.</returns>
    /// <exception cref="ObjectDisposedException">The data source was disposed.</exception>
    public new AuroraConnection CreateConnection()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new AuroraConnection(this);
    }

    /// <summary>Creates and opens a connection.</summary>
    /// <returns>An open logical connection.</returns>
    /// <exception cref="ObjectDisposedException">The data source was disposed.</exception>
    /// <exception cref="Failover.FailoverFailedException">The initial node failed and no other node could take over.</exception>
    public new AuroraConnection OpenConnection()
    {
        var connection = CreateConnection();
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates and opens a connection.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open logical connection.</returns>
    /// <exception cref="ObjectDisposedException">The data source was disposed.</exception>
    /// <exception cref="Failover.FailoverFailedException">The initial node failed and no other node could take over.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public new async ValueTask<AuroraConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
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

    /// <inheritdoc/>
    protected override DbConnection CreateDbConnection() => CreateConnection();

    /// <inheritdoc/>
    protected override DbConnection OpenDbConnection() => OpenConnection();

    /// <summary>Creates a batch of the data source: each run opens a connection of its own, runs across failover like any batch, and closes it.</summary>
    /// <returns>A new <see cref="AuroraBatch"/> with no connection.</returns>
    /// <exception cref="ObjectDisposedException">The data source was disposed.</exception>
    /// <exception cref="NotSupportedException">The driver has no batches.</exception>
    protected override DbBatch CreateDbBatch()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return Driver.ProviderFactory?.CanCreateBatch == true
            ? new AuroraBatch(this)
            : throw new NotSupportedException($"The {Driver.DisplayName} driver has no batches.");
    }

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default) =>
        await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _topologyWatch.Dispose();
            StallClock.Dispose();
            _ownedHandler?.Dispose();
            Monitors?.Dispose();
            _connections.Dispose();
            Telemetry.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _topologyWatch.Dispose();
            StallClock.Dispose();
            _ownedHandler?.Dispose();
            Monitors?.Dispose();
            await _connections.DisposeAsync().ConfigureAwait(false);
            Telemetry.Dispose();
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
