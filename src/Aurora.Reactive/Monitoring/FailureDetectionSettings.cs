using System.Globalization;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// The enhanced failure monitoring settings one monitor runs with. Commands with equal settings on the
/// same host share one monitor. Validated on construction; every message names the setting's key and the
/// value it got.
/// </summary>
/// <remarks>
/// <para>The detection timeline, for a command started at t0 on host H:</para>
/// <list type="number">
/// <item>The command's detection window opens at W = t0 + <see cref="Time"/>. A command that ends before W
/// needs no probe, and none is started for it.</item>
/// <item>The monitor of H probes only while at least one command has an open window. When a window opens
/// and the monitor is idle, a probe starts at once (at W), then one every <see cref="Interval"/>. Each probe
/// is bounded by <see cref="ProbeTimeout"/>; a probe not answered within it is a failure.</item>
/// <item>A command's verdict counts only probes that started at or after its W. H is dead for the command
/// when <see cref="Count"/> consecutive such probes failed, declared when the last of them completes. An
/// answered probe resets the count. With an idle monitor at W and a frozen host, that is exactly
/// t0 + Time + Count x Interval (<see cref="DeadAfterFrozen"/>).</item>
/// <item>When H's shared health is already <see cref="HostHealthStatus.Unhealthy"/> at W and that verdict is
/// fresh (its latest probe completed no earlier than W - Interval), the command is declared dead at W.</item>
/// </list>
/// </remarks>
internal sealed record FailureDetectionSettings
{
    /// <summary>Key of <see cref="Time"/>.</summary>
    public const string TimeKey = "failure_detection_time_ms";

    /// <summary>Key of <see cref="Interval"/>.</summary>
    public const string IntervalKey = "failure_detection_interval_ms";

    /// <summary>Key of <see cref="Count"/>.</summary>
    public const string CountKey = "failure_detection_count";

    /// <summary>Key of <see cref="DisposalDelay"/>.</summary>
    public const string DisposalDelayKey = "monitor_disposal_time_ms";

    /// <summary>Name used in messages for <see cref="MonitoringTimeout"/>.</summary>
    public const string MonitoringTimeoutKey = "monitoring_timeout_ms";

    /// <summary>The defaults: 30000 ms, 5000 ms, 3 probes, disposal after 60000 ms, no monitoring timeout.</summary>
    public static FailureDetectionSettings Default { get; } = FromMilliseconds(30_000, 5_000, 3, 60_000);

    /// <summary>Creates and validates settings.</summary>
    /// <param name="time">Grace period after a command starts before probing for it (<c>failure_detection_time_ms</c>); zero or more.</param>
    /// <param name="interval">Time between probes (<c>failure_detection_interval_ms</c>); more than zero.</param>
    /// <param name="count">Consecutive failed probes that make the host dead (<c>failure_detection_count</c>); 1 or more.</param>
    /// <param name="disposalDelay">How long a monitor with no user lives on (<c>monitor_disposal_time_ms</c>); zero or more.</param>
    /// <param name="monitoringTimeout">The monitoring connection's own timeout, when configured; more than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names its key and value.</exception>
    public FailureDetectionSettings(TimeSpan time, TimeSpan interval, int count, TimeSpan disposalDelay, TimeSpan? monitoringTimeout = null)
    {
        Require(time >= TimeSpan.Zero, nameof(time), TimeKey, Ms(time), "zero or more");
        Require(interval > TimeSpan.Zero, nameof(interval), IntervalKey, Ms(interval), "more than zero");
        Require(count >= 1, nameof(count), CountKey, count.ToString(CultureInfo.InvariantCulture), "1 or more");
        Require(disposalDelay >= TimeSpan.Zero, nameof(disposalDelay), DisposalDelayKey, Ms(disposalDelay), "zero or more");
        if (monitoringTimeout is { } timeout)
        {
            Require(timeout > TimeSpan.Zero, nameof(monitoringTimeout), MonitoringTimeoutKey, Ms(timeout), "more than zero");
        }

        Time = time;
        Interval = interval;
        Count = count;
        DisposalDelay = disposalDelay;
        MonitoringTimeout = monitoringTimeout;
    }

    /// <summary>Creates and validates settings from the millisecond values of the configuration keys.</summary>
    /// <param name="timeMs"><c>failure_detection_time_ms</c>.</param>
    /// <param name="intervalMs"><c>failure_detection_interval_ms</c>.</param>
    /// <param name="count"><c>failure_detection_count</c>.</param>
    /// <param name="disposalMs"><c>monitor_disposal_time_ms</c>.</param>
    /// <param name="monitoringTimeoutMs">The monitoring connection's timeout in milliseconds, or <see langword="null"/>.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names its key and value.</exception>
    public static FailureDetectionSettings FromMilliseconds(int timeMs, int intervalMs, int count, int disposalMs = 60_000, int? monitoringTimeoutMs = null) =>
        new(TimeSpan.FromMilliseconds(timeMs),
            TimeSpan.FromMilliseconds(intervalMs),
            count,
            TimeSpan.FromMilliseconds(disposalMs),
            monitoringTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

    /// <summary>The failure detection settings of parsed options.</summary>
    /// <param name="options">The options (<c>failure_detection_time_ms</c>, <c>failure_detection_interval_ms</c>,
    /// <c>failure_detection_count</c>, <c>monitor_disposal_time_ms</c>).</param>
    /// <param name="monitoringTimeout">The monitoring connection's own timeout, as the driver reads it from the
    /// <c>monitoring_</c> settings, or <see langword="null"/> when none is set.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="monitoringTimeout"/> is not positive.</exception>
    public static FailureDetectionSettings FromOptions(AuroraOptions options, TimeSpan? monitoringTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.FailureDetectionTime, options.FailureDetectionInterval, options.FailureDetectionCount, options.MonitorDisposalTime, monitoringTimeout);
    }

    /// <summary>Grace period between a command's start and its first counted probe (<c>failure_detection_time_ms</c>).</summary>
    /// <value>The default value is 30 s.</value>
    public TimeSpan Time { get; }

    /// <summary>Time between two probes (<c>failure_detection_interval_ms</c>).</summary>
    /// <value>The default value is 5 s.</value>
    public TimeSpan Interval { get; }

    /// <summary>Consecutive failed probes that make a host dead (<c>failure_detection_count</c>).</summary>
    /// <value>The default value is 3.</value>
    public int Count { get; }

    /// <summary>How long a monitor nobody uses lives on before it is disposed (<c>monitor_disposal_time_ms</c>).</summary>
    /// <value>The default value is 60 s.</value>
    public TimeSpan DisposalDelay { get; }

    /// <summary>The monitoring connection's own timeout, when one is configured (from the <c>monitoring_</c> driver settings).</summary>
    /// <value>The default value is <see langword="null"/>: probes are bounded by <see cref="Interval"/> alone.</value>
    public TimeSpan? MonitoringTimeout { get; }

    /// <summary>The bound of every probe: the smaller of <see cref="Interval"/> and <see cref="MonitoringTimeout"/>.</summary>
    public TimeSpan ProbeTimeout => MonitoringTimeout is { } timeout && timeout < Interval ? timeout : Interval;

    /// <summary>
    /// When a frozen host is declared dead, counted from the command's start, when the monitor was idle at
    /// the window: <see cref="Time"/> + <see cref="Count"/> x <see cref="Interval"/>, less
    /// <see cref="Interval"/> - <see cref="ProbeTimeout"/> when the probe timeout is shorter than the interval.
    /// </summary>
    public TimeSpan DeadAfterFrozen => Time + (Interval * (Count - 1)) + ProbeTimeout;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TimeKey}={Ms(Time)} {IntervalKey}={Ms(Interval)} {CountKey}={Count} {DisposalDelayKey}={Ms(DisposalDelay)}"
        + (MonitoringTimeout is { } timeout ? $" {MonitoringTimeoutKey}={Ms(timeout)}" : string.Empty);

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool valid, string parameter, string key, string value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(parameter, $"{key}={value} is invalid: it must be {expected}.");
        }
    }
}
