using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>What a built-in policy's candidate rule sees: the latest topology and the failed node.</summary>
/// <param name="Topology">The latest snapshot, or <see langword="null"/> before the first.</param>
/// <param name="FailedHost">The node that failed.</param>
internal sealed record CandidateView(TopologySnapshot? Topology, HostSpec FailedHost)
{
    /// <summary>The failed node, a host without an instance id resolved against the topology.</summary>
    public NodeId FailedNode => NodeId.Of(FailedHost, Topology);

    /// <summary>The readers of the topology other than the failed node, then the failed node when it is a reader (tried last).</summary>
    public IEnumerable<HostSpec> ReadersFailedLast()
    {
        if (Topology is null)
        {
            return [];
        }

        var failedNode = FailedNode;
        var others = Topology.Readers.Where(r => r.Node != failedNode);
        var failed = Topology.Readers.Where(r => r.Node == failedNode);
        return others.Concat(failed);
    }
}
