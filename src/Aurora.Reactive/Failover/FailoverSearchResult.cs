namespace Aurora.Reactive.Failover;

/// <summary>
/// What one shared search has come to: still looking (<see cref="Ended"/> is <see langword="false"/>; the policy's latest
/// wait and the latest attempt error, which name what the failover was waiting for should its deadline pass), or ended
/// with a verified node (and the connection the search opened) or a failure.
/// </summary>
internal sealed record FailoverSearchResult(VerifiedConnection? Found, string? FailureMessage, Exception? LastError, bool Ended = true)
{
    /// <summary>The reason of the policy's latest wait, while looking.</summary>
    public string? LastWait { get; init; }

    public static FailoverSearchResult Success(VerifiedConnection found) => new(found, null, null);

    public static FailoverSearchResult Failure(string message, Exception? lastError) => new(null, message, lastError);

    public static FailoverSearchResult Looking(string? lastWait, Exception? lastError) => new(null, null, lastError, Ended: false) { LastWait = lastWait };

    /// <summary>The failure of a failover whose deadline, <paramref name="timeout"/> after it started, passed while its search was here.</summary>
    public FailoverSearchResult TimedOut(TimeSpan timeout) =>
        Failure($"no node took over within {timeout.TotalSeconds:0.###} s" + (LastWait is null ? "" : $"; last state: {LastWait}"), LastError);
}
