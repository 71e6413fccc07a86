using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Implemented by a failover handler that knows the topology (the <see cref="FailoverCoordinator"/>): it opens new
/// connections where the topology says, and tells its data source when the writer changed, so pools are cleared.
/// </summary>
internal interface ITopologyAwareOpener
{
    /// <summary>Opens a physical connection on the node the topology names for the request's target.</summary>
    Task<TopologyOpenResult> OpenAsync(TopologyOpenRequest request, CancellationToken cancellationToken);

    /// <summary>The old writer, each time the topology names a new one.</summary>
    IObservable<HostSpec> FormerWriters { get; }
}
