using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>A host's health as its monitor last saw it.</summary>
/// <param name="Host">The monitored host.</param>
/// <param name="Status">Healthy, suspect, unhealthy, or unknown before the first probe.</param>
/// <param name="ConsecutiveFailures">Failed probes since the last answered one.</param>
/// <param name="LastProbeLatency">Latency of the latest probe, or <see langword="null"/> before the first probe.</param>
/// <param name="Time">When this state was reached: the completion of the latest probe, or the monitor's creation.</param>
public sealed record HostHealth(HostSpec Host, HostHealthStatus Status, int ConsecutiveFailures, TimeSpan? LastProbeLatency, DateTimeOffset Time)
{
    /// <summary>The state of a host no probe has answered for yet.</summary>
    /// <param name="host">The monitored host.</param>
    /// <param name="time">When the monitor started.</param>
    /// <returns>An <see cref="HostHealthStatus.Unknown"/> health with no failures.</returns>
    public static HostHealth Unknown(HostSpec host, DateTimeOffset time) => new(host, HostHealthStatus.Unknown, 0, null, time);

    /// <summary>
    /// The health after one more probe: an answered probe resets the consecutive failures (Healthy); a
    /// failed or timed-out one adds one (Suspect below <paramref name="count"/>, Unhealthy from it on).
    /// </summary>
    /// <param name="probe">The probe that just completed.</param>
    /// <param name="count">Consecutive failures that make the host unhealthy (<c>failure_detection_count</c>).</param>
    /// <returns>The next health, timed at the probe's completion.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probe"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    internal HostHealth After(ProbeResult probe, int count)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var failures = probe.Succeeded ? 0 : ConsecutiveFailures + 1;
        var status = failures == 0 ? HostHealthStatus.Healthy
            : failures < count ? HostHealthStatus.Suspect
            : HostHealthStatus.Unhealthy;
        return new HostHealth(Host, status, failures, probe.Latency, probe.CompletedAt);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Host.Endpoint} {Status} ({ConsecutiveFailures} consecutive failures) at {Time:HH:mm:ss.fff}";
}
