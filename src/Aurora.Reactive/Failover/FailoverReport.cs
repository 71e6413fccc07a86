using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>How one connection's failover ended, as reported by <see cref="FailoverCoordinator.Reports"/>.</summary>
/// <param name="FailedHost">The node the connection was on.</param>
/// <param name="NewHost">The node it is on now, with its verified role; <see langword="null"/> when the failover failed.</param>
/// <param name="Duration">From the failover request to its end, in scheduler time.</param>
/// <param name="FailureMessage">Why it failed; <see langword="null"/> on success.</param>
internal sealed record FailoverReport(HostSpec FailedHost, HostSpec? NewHost, TimeSpan Duration, string? FailureMessage)
{
    /// <summary>Whether a node took over.</summary>
    public bool Succeeded => NewHost is not null;

    /// <inheritdoc/>
    public override string ToString() =>
        Succeeded ? $"{FailedHost} -> {NewHost} in {Duration.TotalMilliseconds:0} ms" : $"{FailedHost}: failed after {Duration.TotalMilliseconds:0} ms ({FailureMessage})";
}
