namespace Aurora.Reactive.Failover;

/// <summary>What a <see cref="FailoverDecision"/> asks the coordinator to do.</summary>
public enum FailoverDecisionKind
{
    /// <summary>Connect to a node and accept it when it answers with the expected role.</summary>
    ConnectTo = 0,

    /// <summary>Nothing to try now; wait for new signals.</summary>
    Wait = 1,

    /// <summary>Stop: the failover fails.</summary>
    GiveUp = 2,
}
