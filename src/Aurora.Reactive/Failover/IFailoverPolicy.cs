namespace Aurora.Reactive.Failover;

/// <summary>
/// Decides where a failing connection goes: turns what is known about the cluster (topology, host health,
/// the results of the connection attempts made so far, the clock) into a stream of decisions. A policy is
/// pure Rx: it does no I/O and no <c>await</c>, and every timer runs on <see cref="ClusterSignals.Scheduler"/>,
/// so it can be marble-tested in virtual time. The <see cref="FailoverCoordinator"/> executes the decisions.
/// </summary>
/// <remarks>
/// Contract: each <see cref="FailoverDecisionKind.ConnectTo"/> asks the coordinator to start one attempt
/// (connect, then ask the node its role); its result arrives on <see cref="ClusterSignals.Attempts"/>. The first
/// attempt whose node has the expected role ends the failover. <see cref="FailoverDecisionKind.GiveUp"/> ends
/// it with a failure. The stream is unsubscribed when the failover ends. The coordinator ends the failover at
/// <see cref="FailoverTiming.Timeout"/> after it started, so a policy needs no deadline of its own.
/// </remarks>
public interface IFailoverPolicy
{
    /// <summary>Builds the decision stream of one failover.</summary>
    /// <param name="signals">What the policy may watch.</param>
    /// <returns>The decisions; cold: each subscription is one failover.</returns>
    IObservable<FailoverDecision> Decide(ClusterSignals signals);
}
