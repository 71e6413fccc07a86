using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>The result of one connection attempt the coordinator made for a <see cref="FailoverDecisionKind.ConnectTo"/> decision.</summary>
/// <param name="Host">The node tried (as the decision named it).</param>
/// <param name="ExpectedRole">The role the decision expected.</param>
/// <param name="Outcome">How the attempt ended.</param>
/// <param name="ReportedRole">The role the node reported, when it answered; otherwise <see cref="HostRole.Unknown"/>.</param>
/// <param name="Error">The error of a failed attempt, otherwise <see langword="null"/>.</param>
public sealed record ConnectAttempt(HostSpec Host, HostRole ExpectedRole, ConnectAttemptOutcome Outcome, HostRole ReportedRole = HostRole.Unknown, Exception? Error = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Host.InstanceId ?? Host.Endpoint}: {Outcome}" + (Outcome == ConnectAttemptOutcome.WrongRole ? $" (is {ReportedRole})" : Error is null ? "" : $" ({Error.GetType().Name})");
}
