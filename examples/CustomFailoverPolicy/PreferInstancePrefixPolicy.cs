using System.Reactive.Linq;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Topology;

namespace CustomFailoverPolicy;

/// <summary>
/// Prefers readers whose instance id starts with a prefix (for example the instances of the application's own
/// zone, named <c>east-...</c>): they are tried first, the others after them, so the wrapped policy still finds a
/// node when no preferred reader answers.
/// </summary>
/// <param name="prefix">The instance id prefix of the preferred readers.</param>
/// <param name="inner">The policy to reorder for; <see langword="null"/> for the built-in policy of the failover mode.</param>
public sealed class PreferInstancePrefixPolicy(string prefix, IFailoverPolicy? inner = null) : IFailoverPolicy
{
    /// <inheritdoc/>
    public IObservable<FailoverDecision> Decide(ClusterSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var next = inner ?? FailoverPolicies.ForMode(signals.Mode);
        return next.Decide(signals with { Topology = signals.Topology.Select(PreferredFirst) });
    }

    private TopologySnapshot PreferredFirst(TopologySnapshot snapshot) =>
        new(snapshot.Writer, snapshot.Readers.OrderBy(r => r.InstanceId?.StartsWith(prefix, StringComparison.Ordinal) == true ? 0 : 1).ToList(), snapshot.ReadAt, snapshot.ReadFrom);
}
