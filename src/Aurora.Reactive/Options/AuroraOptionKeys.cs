namespace Aurora.Reactive.Options;

/// <summary>
/// The connection-string keys this library reads (and removes before the rest goes to the driver). Keys are
/// matched case-insensitively, and spaces, hyphens or no separator may stand for the underscores
/// (<c>failover_mode</c>, <c>Failover Mode</c> and <c>FailoverMode</c> are one key).
/// </summary>
internal static class AuroraOptionKeys
{
    /// <summary>Plugins to load, comma-separated (from the seeds).</summary>
    public const string Plugins = "plugins";

    /// <summary>Whether fast failover is on (from the seeds).</summary>
    public const string EnableFailover = "enable_failover";

    /// <summary>Which nodes a failover may land on (from the seeds).</summary>
    public const string FailoverMode = "failover_mode";

    /// <summary>Host pattern of the cluster's instances, <c>?</c> standing for the instance id (from the seeds).</summary>
    public const string ClusterInstanceHostPattern = "cluster_instance_host_pattern";

    /// <summary>Explicit instance endpoints, <c>id=host:port,...</c> (ours).</summary>
    public const string ClusterInstanceEndpoints = "cluster_instance_endpoints";

    /// <summary>Identity of the cluster for sharing monitors, overriding the one derived from the host (ours).</summary>
    public const string ClusterId = "cluster_id";

    /// <summary>Topology refresh rate during a writer failover, in seconds (from the seeds).</summary>
    public const string FailoverClusterTopologyRefreshRateSec = "failover_cluster_topology_refresh_rate_sec";

    /// <summary>Longest time to try connecting to a reader during a reader failover, in seconds (from the seeds).</summary>
    public const string FailoverReaderConnectTimeoutSec = "failover_reader_connect_timeout_sec";

    /// <summary>Longest time a failover may take, in seconds (from the seeds).</summary>
    public const string FailoverTimeoutSec = "failover_timeout_sec";

    /// <summary>Pause between attempts to reconnect to a failed writer, in seconds (from the seeds).</summary>
    public const string FailoverWriterReconnectIntervalSec = "failover_writer_reconnect_interval_sec";

    /// <summary>Whether autocommit and read-only are restored after a failover (from the seeds).</summary>
    public const string KeepSessionStateOnFailover = "keep_session_state_on_failover";

    /// <summary>Whether an idle connection moved to another node by the writer watch goes on silently, outside a transaction (ours).</summary>
    public const string FailoverSilentIdleMove = "failover_silent_idle_move";

    /// <summary>Whether enhanced failure monitoring is on (from the seeds).</summary>
    public const string FailureDetectionEnabled = "failure_detection_enabled";

    /// <summary>Grace after a command starts before the first probe, in milliseconds (from the seeds).</summary>
    public const string FailureDetectionTimeMs = "failure_detection_time_ms";

    /// <summary>Interval between probes, in milliseconds (from the seeds).</summary>
    public const string FailureDetectionIntervalMs = "failure_detection_interval_ms";

    /// <summary>Failed probes in a row before a node is judged dead (from the seeds).</summary>
    public const string FailureDetectionCount = "failure_detection_count";

    /// <summary>How probes are sent: <c>select1</c>, <c>connect</c> or <c>auto</c> (the driver's choice) (ours).</summary>
    public const string FailureDetectionProbe = "failure_detection_probe";

    /// <summary>How long an unused host monitor lives on, in milliseconds (from the seeds).</summary>
    public const string MonitorDisposalTimeMs = "monitor_disposal_time_ms";

    /// <summary>Normal topology refresh interval, in milliseconds (ours).</summary>
    public const string TopologyRefreshRateMs = "topology_refresh_rate_ms";

    /// <summary>Fast topology refresh interval after a failure or change, in milliseconds (ours).</summary>
    public const string TopologyFastRefreshRateMs = "topology_fast_refresh_rate_ms";

    /// <summary>How long the topology monitor stays fast after a change, in milliseconds (ours).</summary>
    public const string TopologyFastRefreshDurationMs = "topology_fast_refresh_duration_ms";

    /// <summary>How long an unused topology monitor lives on, in milliseconds (ours).</summary>
    public const string TopologyMonitorDisposalTimeMs = "topology_monitor_disposal_time_ms";

    /// <summary>Prefix of driver settings meant for monitoring connections only; <c>monitoring-</c> and <c>Monitoring </c> are accepted too.</summary>
    public const string MonitoringPrefix = "monitoring_";

    /// <summary>Every key above except the monitoring prefix.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Plugins, EnableFailover, FailoverMode, ClusterInstanceHostPattern, ClusterInstanceEndpoints, ClusterId,
        FailoverClusterTopologyRefreshRateSec, FailoverReaderConnectTimeoutSec, FailoverTimeoutSec,
        FailoverWriterReconnectIntervalSec, KeepSessionStateOnFailover, FailoverSilentIdleMove, FailureDetectionEnabled, FailureDetectionTimeMs,
        FailureDetectionIntervalMs, FailureDetectionCount, FailureDetectionProbe, MonitorDisposalTimeMs, TopologyRefreshRateMs,
        TopologyFastRefreshRateMs, TopologyFastRefreshDurationMs, TopologyMonitorDisposalTimeMs,
    ];
}
