using System.Reactive.Concurrency;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aurora.Reactive.Client;

/// <summary>Configures and builds an <see cref="AuroraClient"/>. Not thread-safe; build once.</summary>
public sealed class AuroraClientBuilder
{
    private readonly string _connectionString;
    private readonly IDatabaseDriver _driver;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private IScheduler _scheduler = AuroraDataSourceBuilder.DefaultClock;
    private AuroraClientOptions? _options;
    private IFailoverHandler? _failoverHandler;
    private IFailoverPolicy? _failoverPolicy;
    private Func<AuroraConnectionSettings, AuroraConnectionSettings>? _configureConnections;
    private int? _defaultPort;
    private bool _watchCluster = true;

    internal AuroraClientBuilder(string connectionString, IDatabaseDriver driver)
    {
        _connectionString = connectionString ?? throw new ArgumentNullException(nameof(connectionString));
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (category <c>Aurora.Reactive.Client.AuroraClient</c>).</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loggerFactory"/> is <see langword="null"/>.</exception>
    public AuroraClientBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>
    /// Runs the client's own timers (re-run pauses, the failover deadline, event times and, when failure monitoring is off, the client's own host monitors)
    /// on <paramref name="scheduler"/>; a virtual-time scheduler in tests. The data source's monitors and the shared
    /// topology monitor keep their own schedulers.
    /// </summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is <see langword="null"/>.</exception>
    public AuroraClientBuilder WithScheduler(IScheduler scheduler)
    {
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        return this;
    }

    /// <summary>Sets the re-run options; without this call they come from the connection string (<c>failover_timeout_sec</c>) and the defaults.</summary>
    /// <param name="options">The options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public AuroraClientBuilder WithOptions(AuroraClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Lets <paramref name="policy"/> decide where a failed connection goes, instead of the built-in policy of <c>failover_mode</c>.</summary>
    /// <param name="policy">The policy (see <see cref="IFailoverPolicy"/>; marble-test it in virtual time).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public AuroraClientBuilder WithFailoverPolicy(IFailoverPolicy policy)
    {
        _failoverPolicy = policy ?? throw new ArgumentNullException(nameof(policy));
        return this;
    }

    /// <summary>Uses <paramref name="failoverHandler"/> to find a new node for a failed connection, instead of the built-in coordinator.</summary>
    /// <param name="failoverHandler">The handler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failoverHandler"/> is <see langword="null"/>.</exception>
    internal AuroraClientBuilder WithFailoverHandler(IFailoverHandler failoverHandler)
    {
        _failoverHandler = failoverHandler ?? throw new ArgumentNullException(nameof(failoverHandler));
        return this;
    }

    /// <summary>Adjusts the settings of the client's logical connections (session set-up statements, rollback timeout).</summary>
    /// <param name="configure">Returns the settings to use, given those derived from the connection string.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    internal AuroraClientBuilder ConfigureConnections(Func<AuroraConnectionSettings, AuroraConnectionSettings> configure)
    {
        _configureConnections = configure ?? throw new ArgumentNullException(nameof(configure));
        return this;
    }

    /// <summary>The port of hosts the connection string gives none for; without it, the driver's <see cref="IDatabaseDriver.DefaultPort"/>.</summary>
    /// <param name="port">From 1 to 65535.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is out of range.</exception>
    public AuroraClientBuilder WithDefaultPort(int port)
    {
        _defaultPort = port is >= 1 and <= 65535 ? port : throw new ArgumentOutOfRangeException(nameof(port), port, $"The default port is {port}; it must be from 1 to 65535.");
        return this;
    }

    /// <summary>Turns the client's topology and health monitors off (the streams stay empty); for tests and tools that need none.</summary>
    /// <returns>This builder.</returns>
    public AuroraClientBuilder WithoutClusterMonitors()
    {
        _watchCluster = false;
        return this;
    }

    /// <summary>Builds the client.</summary>
    /// <returns>The client; dispose it at shutdown.</returns>
    /// <exception cref="ArgumentException">The connection string is invalid; the message names the key and the value.</exception>
    public AuroraClient Build()
    {
        var parsed = AuroraConnectionString.Parse(_connectionString, _defaultPort ?? _driver.DefaultPort);
        var options = _options ?? AuroraClientOptions.Default with { FailoverTimeout = parsed.Options.FailoverTimeout };
        // The client's data source is built like any other: it owns the coordinator and shares its monitors and clock.
        var dataSourceBuilder = new AuroraDataSourceBuilder(_connectionString, _driver).UseScheduler(_scheduler).UseLoggerFactory(_loggerFactory);
        if (_failoverPolicy is not null)
        {
            dataSourceBuilder.UseFailoverPolicy(_failoverPolicy);
        }

        if (_failoverHandler is not null)
        {
            dataSourceBuilder.UseFailoverHandler(_failoverHandler);
        }

        if (_configureConnections is not null)
        {
            dataSourceBuilder.ConfigureSettings(_configureConnections);
        }

        var dataSource = dataSourceBuilder.Build(parsed);
        try
        {
            var resolver = string.Equals(_driver.DisplayName, "Npgsql", StringComparison.OrdinalIgnoreCase) ? PostgresCommitOutcomeResolver.Instance : null;
            return new AuroraClient(
                dataSource,
                options,
                _scheduler,
                resolver,
                client => _watchCluster ? new ClusterWatch(parsed, _driver, dataSource, _scheduler, options.WatchAllHosts, client.ReportMonitorError) : null);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }
}
