using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>An open in progress was abandoned because a newer topology no longer gives its node the role it was chosen for.</summary>
internal sealed class TopologyMovedException(TopologySnapshot snapshot)
    : Exception($"The topology changed while opening: {snapshot}.")
{
    public TopologySnapshot Snapshot { get; } = snapshot;
}
