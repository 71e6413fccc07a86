using System.Reactive.Concurrency;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Options;
using Aurora.Reactive.Scheduling;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Connections;

/// <summary>
/// Configures and builds an <see cref="AuroraDataSource"/>: the one place that creates what the data source runs (its
/// failover coordinator, the shared topology monitor it leases, its host monitors) and hands them the same clock.
/// Not thread-safe; build once per configuration.
/// </summary>
/// <example>
/// <code>
/// await using var dataSource = new AuroraDataSourceBuilder(connectionString, NpgsqlDriver.Instance)
///     .UseLoggerFactory(loggerFactory)
///     .UseSessionSetup("SET TIME ZONE 'UTC'")
///     .Build();
/// </code>
/// </example>
public sealed class AuroraDataSourceBuilder
{
    private readonly string _connectionString;
    private readonly IDatabaseDriver _driver;
    private IScheduler _scheduler = DefaultClock;
    private HandOff? _handOff;
    private ILoggerFactory? _loggerFactory;
    private IFailoverPolicy? _failoverPolicy;
    private IFailoverHandler? _failoverHandler;
    private IReadOnlyList<string>? _sessionSetup;
    private Func<AuroraConnectionSettings, AuroraConnectionSettings>? _configureSettings;
    private Func<HostSpec, CancellationToken, ValueTask<string>>? _passwordProvider;

    /// <summary>Starts a builder for a connection string with this library's keys and the driver's.</summary>
    /// <param name="connectionString">The connection string, read by <see cref="AuroraConnectionString.Parse"/> when <see cref="Build"/> runs.</param>
    /// <param name="driver">The database driver, such as <c>NpgsqlDriver.Instance</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="driver"/> is <see langword="null"/>.</exception>
    public AuroraDataSourceBuilder(string connectionString, IDatabaseDriver driver)
    {
        _connectionString = connectionString ?? throw new ArgumentNullException(nameof(connectionString));
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
    }

    /// <summary>
    /// The clock a builder uses unless <see cref="UseScheduler"/> gives another: the system's, with a monotonic
    /// <c>Now</c> whose timers never fire before it says they are due (<see cref="SystemClock"/>).
    /// </summary>
    internal static IScheduler DefaultClock => SystemClock.Instance;

    /// <summary>
    /// Runs every timer, timeout and timestamp of the data source on <paramref name="scheduler"/>: failure monitoring's
    /// probes and verdicts, the failover coordinator's deadline and retries, the topology monitor's refreshes (when this
    /// data source is the first to use the cluster's shared monitor) and the connections' own timeouts. In tests, a
    /// virtual-time scheduler such as Microsoft.Reactive.Testing's <c>TestScheduler</c>.
    /// </summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is <see langword="null"/>.</exception>
    public AuroraDataSourceBuilder UseScheduler(IScheduler scheduler)
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        return this;
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (categories under <c>Aurora.Reactive</c>); passwords are never logged.</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loggerFactory"/> is <see langword="null"/>.</exception>
    public AuroraDataSourceBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Lets <paramref name="policy"/> decide where a failed connection goes, instead of the built-in policy of <c>failover_mode</c>.</summary>
    /// <param name="policy">The policy (see <see cref="IFailoverPolicy"/>; marble-test it in virtual time).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public AuroraDataSourceBuilder UseFailoverPolicy(IFailoverPolicy policy)
    {
        _failoverPolicy = policy ?? throw new ArgumentNullException(nameof(policy));
        return this;
    }

    /// <summary>
    /// Runs <paramref name="statements"/> on every new physical connection, at open and after every failover, before
    /// the caller's first command (for example <c>SET TIME ZONE 'UTC'</c>); replaces statements given before.
    /// </summary>
    /// <param name="statements">Non-blank SQL statements, run in order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="statements"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A statement is <see langword="null"/> or blank (the message gives its index).</exception>
    public AuroraDataSourceBuilder UseSessionSetup(params IEnumerable<string> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var list = statements.ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i]))
            {
                throw new ArgumentException($"Session set-up statement [{i}] is '{list[i]}'; every statement must be non-blank SQL.", nameof(statements));
            }
        }

        _sessionSetup = list;
        return this;
    }

    /// <summary>
    /// Takes the password of every new physical connection from <paramref name="passwordProvider"/> (for rotating
    /// credentials such as IAM authentication tokens), through the driver's own mechanism: Npgsql's
    /// <c>UsePasswordProvider</c>, MySqlConnector's <c>ProvidePasswordCallback</c>. It is asked for the data connections,
    /// the failure-monitoring connections and the topology monitor's connections alike, with the host the connection
    /// goes to (a token is signed for its host); pooled connections stay open as they are. The connection string must
    /// then hold no password.
    /// </summary>
    /// <param name="passwordProvider">Gives the password for a new connection to a host; it may be called from any thread, concurrently.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="passwordProvider"/> is <see langword="null"/>.</exception>
    /// <remarks><see cref="Build"/> throws <see cref="NotSupportedException"/> for a driver without such a mechanism (MySql.Data).</remarks>
    public AuroraDataSourceBuilder UsePasswordProvider(Func<HostSpec, CancellationToken, ValueTask<string>> passwordProvider)
    {
        _passwordProvider = passwordProvider ?? throw new ArgumentNullException(nameof(passwordProvider));
        return this;
    }

    /// <summary>Uses <paramref name="failoverHandler"/> instead of the built-in coordinator (which is then not created).</summary>
    internal AuroraDataSourceBuilder UseFailoverHandler(IFailoverHandler failoverHandler)
    {
        _failoverHandler = failoverHandler ?? throw new ArgumentNullException(nameof(failoverHandler));
        return this;
    }

    /// <summary>Runs the data source's asynchronous hand-offs through <paramref name="handOff"/> instead of the thread pool (the virtual-time tests' queue).</summary>
    internal AuroraDataSourceBuilder UseHandOff(HandOff handOff)
    {
        _handOff = handOff ?? throw new ArgumentNullException(nameof(handOff));
        return this;
    }

    /// <summary>Adjusts the connection settings derived from the connection string (the client's and the tests' seam).</summary>
    internal AuroraDataSourceBuilder ConfigureSettings(Func<AuroraConnectionSettings, AuroraConnectionSettings> configure)
    {
        _configureSettings = configure ?? throw new ArgumentNullException(nameof(configure));
        return this;
    }

    /// <summary>
    /// Builds the data source: with failover on (the default), the cluster's failover coordinator (dialect, instance
    /// resolver, a lease on the topology monitor shared process-wide by cluster), disposed with the data source;
    /// <c>enable_failover=false</c> gives a pass-through data source.
    /// </summary>
    /// <returns>The data source; dispose it at shutdown.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid (the message names the key and the value), or the driver rejects its part.</exception>
    /// <exception cref="NotSupportedException">A password provider was given and the driver cannot take one.</exception>
    public AuroraDataSource Build() => Build(AuroraConnectionString.Parse(_connectionString, _driver.DefaultPort));

    /// <summary>Builds the data source of <paramref name="parsed"/> (this builder's connection string, already parsed).</summary>
    internal AuroraDataSource Build(AuroraConnectionString parsed)
    {
        var telemetry = new AuroraTelemetry(_loggerFactory, _scheduler, parsed.ClusterKey.ToString());
        FailoverCoordinator? coordinator = null;
        try
        {
            coordinator = _failoverHandler is null ? FailoverSetup.CreateCoordinator(parsed, _driver, _failoverPolicy, _scheduler, _passwordProvider, telemetry, _handOff) : null;
            var settings = AuroraConnectionSettings.From(parsed, _failoverHandler ?? coordinator, _loggerFactory, _scheduler, _sessionSetup, telemetry);
            settings = _configureSettings?.Invoke(settings) ?? settings;
            return AuroraDataSource.Create(parsed.DriverConnectionString, _driver, settings, _scheduler, coordinator, _passwordProvider, telemetry, _handOff);
        }
        catch
        {
            coordinator?.Dispose();
            telemetry.Dispose();
            throw;
        }
    }
}
