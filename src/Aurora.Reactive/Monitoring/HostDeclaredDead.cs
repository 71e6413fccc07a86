using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// The verdict for one command: its host is dead, so the command should be released at once.
/// </summary>
/// <param name="Host">The host the command runs on.</param>
/// <param name="CommandStartedAt">When the command started (t0).</param>
/// <param name="WindowOpenedAt">When the command's detection window opened: t0 + <c>failure_detection_time_ms</c>.</param>
/// <param name="DeclaredAt">When the host was declared dead for this command.</param>
/// <param name="FailedProbes">
/// Consecutive failed probes, all started at or after <see cref="WindowOpenedAt"/>, that led to the verdict;
/// 0 when the verdict came from the host's shared health (<see cref="FromSharedHealth"/>).
/// </param>
/// <param name="FromSharedHealth">
/// <see langword="true"/> when the host's shared health was already (freshly) unhealthy when the window
/// opened, so the command was released at the window without waiting for fresh probes.
/// </param>
/// <param name="LastProbeError">Why the last failed probe failed (a <see cref="TimeoutException"/> for a timeout), when known.</param>
internal sealed record HostDeclaredDead(
    HostSpec Host,
    DateTimeOffset CommandStartedAt,
    DateTimeOffset WindowOpenedAt,
    DateTimeOffset DeclaredAt,
    int FailedProbes,
    bool FromSharedHealth,
    Exception? LastProbeError = null)
{
    /// <summary>Time from the command's start to the verdict.</summary>
    public TimeSpan SinceCommandStart => DeclaredAt - CommandStartedAt;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Host.Endpoint} declared dead {SinceCommandStart.TotalMilliseconds:0.###} ms after the command started"
        + (FromSharedHealth ? " (shared health already unhealthy)" : $" ({FailedProbes} failed probes)");
}
