using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// The result of one probe of a host, timed on the monitor's scheduler: when it started, how it ended and
/// how long it took.
/// </summary>
/// <param name="Host">The probed host.</param>
/// <param name="Outcome">How the probe ended.</param>
/// <param name="StartedAt">When the probe was sent (scheduler time).</param>
/// <param name="Latency">Time from sending the probe to its answer, failure or timeout.</param>
/// <param name="Error">Why the probe failed (a <see cref="TimeoutException"/> for a timeout), or <see langword="null"/> when it was answered.</param>
internal sealed record ProbeResult(HostSpec Host, ProbeOutcome Outcome, DateTimeOffset StartedAt, TimeSpan Latency, Exception? Error = null)
{
    /// <summary>Whether the host answered within the probe timeout.</summary>
    public bool Succeeded => Outcome == ProbeOutcome.Answered;

    /// <summary>When the probe completed: <see cref="StartedAt"/> plus <see cref="Latency"/>.</summary>
    public DateTimeOffset CompletedAt => StartedAt + Latency;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Host.Endpoint} {Outcome} at {StartedAt:HH:mm:ss.fff} in {Latency.TotalMilliseconds:0.###} ms"
        + (Error is null ? string.Empty : $": {Error.GetType().Name}: {Error.Message}");
}
