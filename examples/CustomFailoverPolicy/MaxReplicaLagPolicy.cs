using System.Reactive.Linq;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Topology;

namespace CustomFailoverPolicy;

/// <summary>
/// Never fails over to a reader lagging more than <c>maxLag</c> behind the writer: readers whose reported lag is
/// larger are removed from the topology the wrapped policy sees. Readers with no reported lag are kept.
/// </summary>
/// <param name="maxLag">The largest acceptable replica lag.</param>
/// <param name="inner">The policy to filter for; <see langword="null"/> for the built-in policy of the failover mode.</param>
public sealed class MaxReplicaLagPolicy(TimeSpan maxLag, IFailoverPolicy? inner = null) : IFailoverPolicy
{
    /// <inheritdoc/>
    public IObservable<FailoverDecision> Decide(ClusterSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var next = inner ?? FailoverPolicies.ForMode(signals.Mode);
        return next.Decide(signals with { Topology = signals.Topology.Select(WithoutLaggingReaders) });
    }

    private TopologySnapshot WithoutLaggingReaders(TopologySnapshot snapshot) =>
        new(snapshot.Writer, snapshot.Readers.Where(r => r.ReplicaLag is not { } lag || lag <= maxLag).ToList(), snapshot.ReadAt, snapshot.ReadFrom);
}
