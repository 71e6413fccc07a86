using System.Data.Common;
using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Runtime.CompilerServices;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Options;
using Aurora.Reactive.Scheduling;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Builds the failover coordinator a parsed connection string asks for: the dialect, the instance resolver,
/// the shared topology monitor (reading through monitoring connections) and the coordinator that owns its lease.
/// </summary>
internal static class FailoverSetup
{
    /// <summary>The coordinator, or <see langword="null"/> when failover is off.</summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="driver">The driver, whose factory opens the monitoring connections.</param>
    /// <param name="policy">The policy; <see langword="null"/> for the built-in one of the string's mode.</param>
    /// <param name="scheduler">The clock of the coordinator and of the shared topology monitor; <see langword="null"/> for the builder's default.</param>
    /// <param name="passwordProvider">The data source's password provider, for the topology monitor's connections; or <see langword="null"/>.</param>
    /// <param name="telemetry">The data source's telemetry, which the coordinator (and a topology monitor created here) reports to.</param>
    /// <param name="handOff">The data source's hand-offs (the thread pool by default), for the coordinator and a topology monitor it creates.</param>
    public static FailoverCoordinator? CreateCoordinator(
        AuroraConnectionString connectionString,
        IDatabaseDriver driver,
        IFailoverPolicy? policy = null,
        IScheduler? scheduler = null,
        Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null,
        Diagnostics.AuroraTelemetry? telemetry = null,
        HandOff? handOff = null)
    {
        var options = connectionString.Options;
        if (!options.IsFailoverActive)
        {
            return null;
        }

        scheduler ??= Connections.AuroraDataSourceBuilder.DefaultClock;
        var dialect = ChooseDialect(connectionString, driver);
        telemetry ??= Diagnostics.AuroraTelemetry.Detached;
        var lease = AcquireMonitor(connectionString, driver, dialect, scheduler, passwordProvider, telemetry, handOff);
        try
        {
            var coordinator = new FailoverCoordinator(lease.Monitor, dialect, options.FailoverMode, FailoverTiming.From(options), policy, scheduler: scheduler, handOff: handOff) { Telemetry = telemetry };
            coordinator.Own(lease);
            return coordinator;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The sharing key of the topology monitor: the cluster's identity plus everything the monitor is built from
    /// (dialect, instance naming, seed hosts, refresh timing). The cluster key alone is not enough where an address is
    /// reused: a local cluster started on a port a disposed one used must not inherit the old cluster's monitor. Without
    /// the timing, a data source asking for a 500 ms refresh joined a monitor another data source had started with the
    /// 30 s default, and saw no refresh for 30 s.
    /// </summary>
    internal static string MonitorKey(AuroraConnectionString connectionString, IClusterDialect dialect, object? passwordProvider = null)
    {
        // A monitor authenticating through one data source's password provider is not shared with another's.
        var credentials = passwordProvider is null ? string.Empty : "|password-provider:" + RuntimeHelpers.GetHashCode(passwordProvider).ToString(CultureInfo.InvariantCulture);
        var options = connectionString.Options;
        var naming = options.InstanceEndpoints?.Text ?? options.InstanceHostPattern?.Text ?? string.Empty;
        var hosts = string.Join(",", connectionString.Hosts.Select(h => h.Endpoint));
        var timing = MonitorOptions(options);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{connectionString.ClusterKey.Value}|{dialect.Name}|{naming}|{hosts}|{timing.SlowRefreshInterval.Ticks}/{timing.FastRefreshInterval.Ticks}/{timing.FastModeLinger.Ticks}{credentials}");
    }

    /// <summary>
    /// The dialect the topology monitor and the coordinator ask through:
    /// <list type="bullet">
    /// <item>several hosts and no instance naming: the driver's replication dialect (plain PostgreSQL replication by
    /// default); every host is asked its role, and an Aurora topology could not be resolved to hosts anyway;</item>
    /// <item>otherwise, when the driver names both an Aurora and a replication dialect (the MySQL drivers): a
    /// <see cref="DetectingClusterDialect"/>, so the server decides on the first connection (Aurora MySQL only where
    /// <c>@@aurora_version</c> answers, MySQL/MariaDB replication elsewhere); naming instances
    /// (<c>cluster_instance_endpoints</c>, a host pattern) never makes a server Aurora;</item>
    /// <item>otherwise the driver's Aurora dialect, or Aurora PostgreSQL (Npgsql: unchanged, the PostgreSQL kit
    /// emulates Aurora's functions).</item>
    /// </list>
    /// </summary>
    public static IClusterDialect ChooseDialect(AuroraConnectionString connectionString, IDatabaseDriver driver)
    {
        if (connectionString.InstanceEndpoints is null && connectionString.Hosts.Count > 1)
        {
            return driver.ReplicationDialect ?? PostgresReplicationDialect.Instance;
        }

        if (driver.AuroraDialect is { } aurora && driver.ReplicationDialect is { } replication)
        {
            return new DetectingClusterDialect([aurora, replication]);
        }

        return driver.AuroraDialect
            ?? (driver.DisplayName.Contains("MySql", StringComparison.OrdinalIgnoreCase) ? AuroraMySqlDialect.Instance : AuroraPostgresDialect.Instance);
    }

    private static TopologyMonitorOptions MonitorOptions(AuroraOptions options)
    {
        var fast = options.TopologyFastRefreshRate < options.TopologyRefreshRate ? options.TopologyFastRefreshRate : options.TopologyRefreshRate;
        var linger = options.TopologyFastRefreshDuration > TimeSpan.Zero ? options.TopologyFastRefreshDuration : fast;
        return new TopologyMonitorOptions
        {
            SlowRefreshInterval = options.TopologyRefreshRate,
            FastRefreshInterval = fast,
            FastModeLinger = linger,
        }.WithFailoverRefreshRate(options.FailoverClusterTopologyRefreshRate);
    }

    /// <summary>
    /// A lease on the cluster's shared topology monitor, created on first use: the one place that builds it, for the
    /// failover coordinator and for the client's cluster watch alike, so that whichever comes first builds the same monitor.
    /// </summary>
    internal static TopologyMonitorLease AcquireMonitor(
        AuroraConnectionString connectionString,
        IDatabaseDriver driver,
        IClusterDialect dialect,
        IScheduler scheduler,
        Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider = null,
        Diagnostics.AuroraTelemetry? telemetry = null,
        HandOff? handOff = null) =>
        SharedTopologyMonitors.For(connectionString.Options.TopologyMonitorDisposalTime, scheduler)
            .Acquire(
                MonitorKey(connectionString, dialect, passwordProvider),
                () => CreateMonitor(connectionString, driver, dialect, MonitorOptions(connectionString.Options), scheduler, passwordProvider, telemetry ?? Diagnostics.AuroraTelemetry.Detached, handOff));

    private static TopologyMonitor CreateMonitor(
        AuroraConnectionString connectionString, IDatabaseDriver driver, IClusterDialect dialect, TopologyMonitorOptions options, IScheduler scheduler,
        Func<HostSpec, CancellationToken, ValueTask<string>>? passwordProvider, Diagnostics.AuroraTelemetry telemetry, HandOff? handOff)
    {
        // Monitoring connections use the monitoring settings (same TLS and credentials) from their own pools, released with the monitor.
        var monitoringConnections = passwordProvider is null
            ? driver.CreateConnectionFactory(connectionString.MonitoringConnectionString)
            : driver.CreateConnectionFactory(connectionString.MonitoringConnectionString, passwordProvider);
        var resolver = connectionString.InstanceEndpoints;
        Func<string, HostSpec> resolve = resolver is null
            ? id => throw new ArgumentException($"Instance id '{id}' cannot be resolved: no cluster_instance_endpoints or cluster_instance_host_pattern is set.", nameof(id))
            : resolver.Resolve;
        var client = new DbClusterNodeClient(
            (host, ct) => OpenAsync(monitoringConnections, host, ct), dialect, resolve, scheduler, options.OperationTimeout, handOff);
        TopologyMonitor monitor;
        try
        {
            monitor = new TopologyMonitor(client, SeedHosts(connectionString), scheduler, options) { Telemetry = telemetry };
        }
        catch
        {
            monitoringConnections.Dispose();
            throw;
        }

        monitor.Snapshots.Subscribe(_ => { }, _ => monitoringConnections.Dispose(), monitoringConnections.Dispose);
        return monitor;
    }

    /// <summary>
    /// The nodes the monitor starts from: the connection string's hosts first (the first is read through first),
    /// then every instance of <c>cluster_instance_endpoints</c>. Without the map's instances, a monitor whose entry
    /// node died before its first read would know no other node to ask, and would never find the cluster. A host of the
    /// string at an instance's address is that instance (it carries the instance id); one that is no instance of the map
    /// (a cluster endpoint) stays without an id, and a monitor asking nodes their role leaves it out (see
    /// <see cref="TopologyMonitor"/>): an endpoint answers for whichever node it forwards to.
    /// </summary>
    internal static IReadOnlyList<HostSpec> SeedHosts(AuroraConnectionString connectionString)
    {
        List<HostSpec> instances = connectionString.Options.InstanceEndpoints is { } map ? [.. map.InstanceIds.Select(map.Resolve)] : [];
        return connectionString.Hosts
            .Select(host => instances.FirstOrDefault(instance => instance.Node == NodeId.Of(host, instances)) ?? host)
            .Concat(instances)
            .DistinctBy(NodeId.At)
            .ToList();
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
