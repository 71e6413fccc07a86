using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Implemented by a failover handler that knows the topology (the <see cref="FailoverCoordinator"/>): it opens new
/// connections where the topology says, tells its data source when the writer changed, so pools are cleared, and keeps
/// failure monitoring's verdicts on the nodes.
/// </summary>
internal interface ITopologyAwareOpener
{
    /// <summary>Opens a physical connection on the node the topology names for the request's target.</summary>
    ValueTask<TopologyOpenResult> OpenAsync(TopologyOpenRequest request, CancellationToken cancellationToken);

    /// <summary>The old writer, each time the topology names a new one.</summary>
    IObservable<HostSpec> FormerWriters { get; }

    /// <summary>Takes failure monitoring's verdicts from <paramref name="health"/> into the policies' signals and into <see cref="IsDead"/>.</summary>
    IDisposable FollowHealth(IObservable<Monitoring.HostHealth> health);

    /// <summary>Whether a verdict of failure monitoring stands on <paramref name="host"/>.</summary>
    bool IsDead(HostSpec host);

    /// <summary>
    /// Watches one statement on the writer <paramref name="host"/>: when it is still running after
    /// <see cref="FailoverCoordinator.StallThreshold"/> (on the coordinator's scheduler), the node is suspected frozen and
    /// the topology monitor reads fast and asks the other nodes their role at once, so that a promotion elsewhere
    /// releases the statement through the writer watch. Dispose when the statement ends.
    /// </summary>
    IDisposable WatchStatement(HostSpec host);

    /// <summary>Reports at once that a statement on the writer <paramref name="host"/> has run for <see cref="FailoverCoordinator.StallThreshold"/>
    /// (what <see cref="WatchStatement"/> does when its threshold passes).</summary>
    void ReportStall(HostSpec host);
}
