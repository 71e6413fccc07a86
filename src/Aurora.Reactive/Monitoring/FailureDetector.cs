using System.Reactive.Linq;

namespace Aurora.Reactive.Monitoring;

/// <summary>The per-command verdict over a host's shared probe stream, as a pure operator.</summary>
internal static class FailureDetector
{
    /// <summary>
    /// Emits, once, the probe that makes the host dead for one command: the <paramref name="count"/>-th
    /// consecutive failed probe among those that started at or after <paramref name="windowOpensAt"/>. It
    /// emits when that probe completes, then completes. An answered probe resets the consecutive count.
    /// </summary>
    /// <param name="probes">The host's probe results, in completion order.</param>
    /// <param name="windowOpensAt">The command's window: its start plus <c>failure_detection_time_ms</c>. Earlier probes do not count.</param>
    /// <param name="count">Consecutive failures that make the host dead (<c>failure_detection_count</c>).</param>
    /// <returns>The probe that completed the run of failures; nothing if the host never fails <paramref name="count"/> times in a row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="probes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static IObservable<ProbeResult> WhenDead(this IObservable<ProbeResult> probes, DateTimeOffset windowOpensAt, int count)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return probes
            .Where(probe => probe.StartedAt >= windowOpensAt)
            .Scan(new FailureRun(0, null), (run, probe) => new FailureRun(probe.Succeeded ? 0 : run.Failures + 1, probe))
            .Where(run => run.Failures >= count)
            .Select(run => run.Last!)
            .Take(1);
    }

    private sealed record FailureRun(int Failures, ProbeResult? Last);
}
