using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>What a built-in policy's candidate rule sees: the latest topology and the failed node.</summary>
/// <param name="Topology">The latest snapshot, or <see langword="null"/> before the first.</param>
/// <param name="FailedHost">The node that failed.</param>
internal sealed record CandidateView(TopologySnapshot? Topology, HostSpec FailedHost)
{
    /// <summary>The readers of the topology other than the failed node, then the failed node when it is a reader (tried last).</summary>
    public IEnumerable<HostSpec> ReadersFailedLast()
    {
        if (Topology is null)
        {
            return [];
        }

        var others = Topology.Readers.Where(r => !HostMatch.Same(r, FailedHost));
        var failed = Topology.Readers.Where(r => HostMatch.Same(r, FailedHost));
        return others.Concat(failed);
    }
}
