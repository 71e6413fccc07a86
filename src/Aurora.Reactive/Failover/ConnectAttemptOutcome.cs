namespace Aurora.Reactive.Failover;

/// <summary>How one connection attempt of a failover ended.</summary>
public enum ConnectAttemptOutcome
{
    /// <summary>Connected and the node confirmed the expected role: the failover ends on it.</summary>
    Accepted = 0,

    /// <summary>Connected, but the node reported another role than expected (for example a demoted writer).</summary>
    WrongRole = 1,

    /// <summary>The connect or the role query failed or timed out.</summary>
    Failed = 2,
}
