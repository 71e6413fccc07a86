namespace Aurora.Reactive.Options;

/// <content>Settings of enhanced failure monitoring and of the topology monitor.</content>
internal sealed partial class AuroraOptions
{
    /// <summary>Whether enhanced failure monitoring is on (key <c>failure_detection_enabled</c>); it also needs the host monitoring plugin.</summary>
    /// <remarks>
    /// For a command started at t0: no probe before t0 + <see cref="FailureDetectionTime"/>; from then one probe every
    /// <see cref="FailureDetectionInterval"/>, shared by every command on the host; the host is dead for the command when
    /// <see cref="FailureDetectionCount"/> consecutive probes started in its window failed, on a frozen host at
    /// t0 + time + count x interval (45 s with the defaults), and the caller is released then (see
    /// <see cref="Monitoring.HostMonitoringSettings"/> and <see cref="Monitoring.FailureDetectionSettings"/>).
    /// </remarks>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FailureDetectionEnabled { get; init; } = AuroraOptionDefaults.FailureDetectionEnabled;

    /// <summary>Grace after a command starts before the first probe of its host (key <c>failure_detection_time_ms</c>); zero probes at once.</summary>
    /// <value>The default value is 30 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan FailureDetectionTime { get; init => field = OptionGuard.NotNegative(value); } = AuroraOptionDefaults.FailureDetectionTime;

    /// <summary>Interval between probes of a host (key <c>failure_detection_interval_ms</c>).</summary>
    /// <value>The default value is 5 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan FailureDetectionInterval { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailureDetectionInterval;

    /// <summary>Failed probes in a row before a host is judged dead (key <c>failure_detection_count</c>).</summary>
    /// <value>The default value is 3.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public int FailureDetectionCount { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.FailureDetectionCount;

    /// <summary>
    /// How probes are sent (key <c>failure_detection_probe</c>, ours): <c>select1</c> runs <c>SELECT 1</c> on one kept monitoring
    /// connection per host; <c>connect</c> opens a new connection per probe; <c>auto</c> (or no key) lets the driver choose.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the driver's choice (<c>select1</c> for Npgsql).</value>
    public Monitoring.ProbeMethod? FailureDetectionProbe { get; init; }

    /// <summary>How long a host monitor nobody uses lives on before it is disposed (key <c>monitor_disposal_time_ms</c>).</summary>
    /// <value>The default value is 60 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan MonitorDisposalTime { get; init => field = OptionGuard.NotNegative(value); } = AuroraOptionDefaults.MonitorDisposalTime;

    /// <summary>Normal interval between topology reads (key <c>topology_refresh_rate_ms</c>, ours).</summary>
    /// <value>The default value is 30 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan TopologyRefreshRate { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.TopologyRefreshRate;

    /// <summary>Interval between topology reads in fast mode, after a failure or a topology change (key <c>topology_fast_refresh_rate_ms</c>, ours).</summary>
    /// <value>The default value is 100 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not greater than zero.</exception>
    public TimeSpan TopologyFastRefreshRate { get; init => field = OptionGuard.Positive(value); } = AuroraOptionDefaults.TopologyFastRefreshRate;

    /// <summary>How long the topology monitor stays in fast mode after the topology changed (key <c>topology_fast_refresh_duration_ms</c>, ours).</summary>
    /// <value>The default value is 30 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan TopologyFastRefreshDuration { get; init => field = OptionGuard.NotNegative(value); } = AuroraOptionDefaults.TopologyFastRefreshDuration;

    /// <summary>
    /// How long a shared topology monitor whose last user let go of it without ending for good lives on before it is
    /// disposed (key <c>topology_monitor_disposal_time_ms</c>, ours). Disposing the last data source or client that
    /// uses a monitor stops it at once, whatever this value.
    /// </summary>
    /// <value>The default value is 60 000 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan TopologyMonitorDisposalTime { get; init => field = OptionGuard.NotNegative(value); } = AuroraOptionDefaults.TopologyMonitorDisposalTime;
}
