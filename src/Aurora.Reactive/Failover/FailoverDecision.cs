using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>One decision of an <see cref="IFailoverPolicy"/>: connect to a node, wait, or give up.</summary>
public sealed record FailoverDecision
{
    private FailoverDecision(FailoverDecisionKind kind, HostSpec? host, HostRole expectedRole, string reason)
    {
        Kind = kind;
        Host = host;
        ExpectedRole = expectedRole;
        Reason = reason;
    }

    /// <summary>What to do.</summary>
    public FailoverDecisionKind Kind { get; }

    /// <summary>For <see cref="FailoverDecisionKind.ConnectTo"/>, the node to connect to; otherwise <see langword="null"/>.</summary>
    public HostSpec? Host { get; }

    /// <summary>
    /// For <see cref="FailoverDecisionKind.ConnectTo"/>, the role the node must confirm itself
    /// (<see cref="HostRole.Unknown"/>: any role is accepted).
    /// </summary>
    public HostRole ExpectedRole { get; }

    /// <summary>Why, in a few words (for logs and failure messages).</summary>
    public string Reason { get; }

    /// <summary>Connect to <paramref name="host"/> and accept it when it confirms <paramref name="expectedRole"/>.</summary>
    /// <param name="host">The node.</param>
    /// <param name="expectedRole">The role the node must report when asked; <see cref="HostRole.Unknown"/> accepts any.</param>
    /// <param name="reason">Why this node, or <see langword="null"/>.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public static FailoverDecision ConnectTo(HostSpec host, HostRole expectedRole, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new FailoverDecision(FailoverDecisionKind.ConnectTo, host, expectedRole, reason ?? $"try {host.InstanceId ?? host.Endpoint} as {expectedRole}");
    }

    /// <summary>Nothing to try now.</summary>
    /// <param name="reason">What the policy waits for.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static FailoverDecision Wait(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new FailoverDecision(FailoverDecisionKind.Wait, null, HostRole.Unknown, reason);
    }

    /// <summary>Stop the failover: it fails with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why no node can be used.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static FailoverDecision GiveUp(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new FailoverDecision(FailoverDecisionKind.GiveUp, null, HostRole.Unknown, reason);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == FailoverDecisionKind.ConnectTo ? $"ConnectTo {Host} expecting {ExpectedRole}" : $"{Kind}: {Reason}";
}
