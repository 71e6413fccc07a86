using System.Globalization;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Options;

/// <summary>
/// Every setting of the library, with the seed documents' defaults (settings marked "ours" go beyond the seeds).
/// Read from a connection string with <see cref="AuroraConnectionString.Parse"/>, which also resolves the defaults
/// that depend on the endpoint; or built in code with an object initializer. Settings given in code are range-checked.
/// </summary>
internal sealed partial class AuroraOptions
{
    /// <summary>The plugins to load (key <c>plugins</c>): failover must come before host monitoring; empty for none.</summary>
    /// <value>The default value is <c>failover,host_monitoring</c>.</value>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value set lists a plugin twice or puts host monitoring before failover.</exception>
    public IReadOnlyList<AuroraPlugin> Plugins
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var copy = value.ToArray();
            var problem = AuroraPluginNames.DescribeOrderProblem(copy);
            field = problem is null ? copy : throw new ArgumentException($"Plugins [{string.Join(", ", copy)}] are invalid: {problem}.", nameof(Plugins));
        }
    } = AuroraOptionDefaults.Plugins;

    /// <summary>Whether fast failover is on (key <c>enable_failover</c>); it also needs the failover plugin.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableFailover { get; init; } = AuroraOptionDefaults.EnableFailover;

    /// <summary>Which nodes a failover may land on (key <c>failover_mode</c>).</summary>
    /// <value>The default value is <see cref="FailoverMode.StrictWriter"/>; when parsed from a connection string to a reader
    /// (<c>cluster-ro-</c>) endpoint without the key, <see cref="FailoverMode.ReaderOrWriter"/>.</value>
    public FailoverMode FailoverMode { get; init; } = AuroraOptionDefaults.FailoverMode;

    /// <summary>The pattern of the cluster's instance host names (key <c>cluster_instance_host_pattern</c>).</summary>
    /// <value>The default value is <see langword="null"/>; when parsed from a connection string to an RDS cluster, reader, custom
    /// or instance endpoint, the pattern derived from it.</value>
    public InstanceHostPattern? InstanceHostPattern { get; init; }

    /// <summary>Explicit endpoints of the cluster's instances (key <c>cluster_instance_endpoints</c>, ours); takes precedence over <see cref="InstanceHostPattern"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public InstanceEndpointMap? InstanceEndpoints { get; init; }

    /// <summary>Identity of the cluster for sharing monitors (key <c>cluster_id</c>, ours); overrides the key derived from the host.</summary>
    /// <value>The default value is <see langword="null"/>: the key is derived from the endpoint (see <see cref="ClusterKey"/>).</value>
    public string? ClusterId { get; init; }

    /// <summary>Topology refresh rate during a writer failover (key <c>failover_cluster_topology_refresh_rate_sec</c>).</summary>
    /// <value>The default value is 2 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan FailoverClusterTopologyRefreshRate { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailoverClusterTopologyRefreshRate;

    /// <summary>Longest time to try connecting to a reader during a reader failover (key <c>failover_reader_connect_timeout_sec</c>).</summary>
    /// <value>The default value is 30 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan FailoverReaderConnectTimeout { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailoverReaderConnectTimeout;

    /// <summary>Longest time a failover may take before it fails (key <c>failover_timeout_sec</c>).</summary>
    /// <value>The default value is 300 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan FailoverTimeout { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailoverTimeout;

    /// <summary>Pause between attempts to reconnect to a failed writer (key <c>failover_writer_reconnect_interval_sec</c>).</summary>
    /// <value>The default value is 2 seconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan FailoverWriterReconnectInterval { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailoverWriterReconnectInterval;

    /// <summary>Whether autocommit and read-only are restored on the new connection after a failover (key <c>keep_session_state_on_failover</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool KeepSessionStateOnFailover { get; init; } = AuroraOptionDefaults.KeepSessionStateOnFailover;

    /// <summary>
    /// Whether an open connection that the writer watch moved to the new writer while it was idle, outside a transaction,
    /// goes on silently (key <c>failover_silent_idle_move</c>). When <see langword="false"/>, its next statement throws
    /// <see cref="Failover.FailoverSuccessException"/>, so the caller learns of every move.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool FailoverSilentIdleMove { get; init; } = AuroraOptionDefaults.FailoverSilentIdleMove;

    /// <summary>Whether failover is in effect: <see cref="EnableFailover"/> and the failover plugin loaded.</summary>
    public bool IsFailoverActive => EnableFailover && Plugins.Contains(AuroraPlugin.Failover);

    /// <summary>Whether failure detection is in effect: <see cref="FailureDetectionEnabled"/> and the host monitoring plugin loaded.</summary>
    public bool IsFailureDetectionActive => FailureDetectionEnabled && Plugins.Contains(AuroraPlugin.HostMonitoring);

    /// <summary>Every setting in connection-string form (<c>key=value; ...</c>); holds no secret.</summary>
    /// <returns>The settings.</returns>
    public override string ToString()
    {
        var plugins = Plugins.Count == 0 ? "none" : string.Join(",", Plugins.Select(AuroraPluginNames.ToCode));
        string Bool(bool value) => value ? "true" : "false";
        string Ms(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        string Sec(TimeSpan value) => value.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var parts = new List<string>
        {
            $"{AuroraOptionKeys.Plugins}={plugins}",
            $"{AuroraOptionKeys.EnableFailover}={Bool(EnableFailover)}",
            $"{AuroraOptionKeys.FailoverMode}={FailoverModeNames.ToName(FailoverMode)}",
            $"{AuroraOptionKeys.ClusterInstanceHostPattern}={InstanceHostPattern?.Text ?? "(none)"}",
            $"{AuroraOptionKeys.ClusterInstanceEndpoints}={InstanceEndpoints?.Text ?? "(none)"}",
            $"{AuroraOptionKeys.ClusterId}={ClusterId ?? "(derived)"}",
            $"{AuroraOptionKeys.FailoverClusterTopologyRefreshRateSec}={Sec(FailoverClusterTopologyRefreshRate)}",
            $"{AuroraOptionKeys.FailoverReaderConnectTimeoutSec}={Sec(FailoverReaderConnectTimeout)}",
            $"{AuroraOptionKeys.FailoverTimeoutSec}={Sec(FailoverTimeout)}",
            $"{AuroraOptionKeys.FailoverWriterReconnectIntervalSec}={Sec(FailoverWriterReconnectInterval)}",
            $"{AuroraOptionKeys.KeepSessionStateOnFailover}={Bool(KeepSessionStateOnFailover)}",
            $"{AuroraOptionKeys.FailoverSilentIdleMove}={Bool(FailoverSilentIdleMove)}",
            $"{AuroraOptionKeys.FailureDetectionEnabled}={Bool(FailureDetectionEnabled)}",
            $"{AuroraOptionKeys.FailureDetectionTimeMs}={Ms(FailureDetectionTime)}",
            $"{AuroraOptionKeys.FailureDetectionIntervalMs}={Ms(FailureDetectionInterval)}",
            $"{AuroraOptionKeys.FailureDetectionCount}={FailureDetectionCount.ToString(CultureInfo.InvariantCulture)}",
            $"{AuroraOptionKeys.FailureDetectionProbe}={FailureDetectionProbe switch { Monitoring.ProbeMethod.SelectOne => "select1", Monitoring.ProbeMethod.Connect => "connect", _ => "auto" }}",
            $"{AuroraOptionKeys.MonitorDisposalTimeMs}={Ms(MonitorDisposalTime)}",
            $"{AuroraOptionKeys.TopologyRefreshRateMs}={Ms(TopologyRefreshRate)}",
            $"{AuroraOptionKeys.TopologyFastRefreshRateMs}={Ms(TopologyFastRefreshRate)}",
            $"{AuroraOptionKeys.TopologyFastRefreshDurationMs}={Ms(TopologyFastRefreshDuration)}",
            $"{AuroraOptionKeys.TopologyMonitorDisposalTimeMs}={Ms(TopologyMonitorDisposalTime)}",
        };
        return string.Join("; ", parts);
    }
}
