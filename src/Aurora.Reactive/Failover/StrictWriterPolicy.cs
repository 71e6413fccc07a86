using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// <c>strict_writer</c>: follow the writer. While the topology names no writer, or still names the failed
/// node, the failed node is retried every <see cref="FailoverTiming.WriterReconnectInterval"/> (it may come
/// back); as soon as the topology names another writer, that node is tried at once. Up to two attempts run
/// side by side, so a frozen old writer never holds up the new one. Every node must confirm being the
/// writer itself. A node failure monitoring declared dead comes last (see <see cref="CandidateEngineState"/>); the
/// coordinator ends the failover at <see cref="FailoverTiming.Timeout"/>.
/// </summary>
internal sealed class StrictWriterPolicy : IFailoverPolicy
{
    /// <summary>The shared instance; the policy holds no state.</summary>
    public static StrictWriterPolicy Instance { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is <see langword="null"/>.</exception>
    public IObservable<FailoverDecision> Decide(ClusterSignals signals) =>
        CandidatePolicyEngine.Run(signals, Candidates, parallelism: 2);

    private static IEnumerable<FailoverCandidate> Candidates(CandidateView view)
    {
        var writer = view.Topology?.Writer;
        if (writer is not null && writer.Node != view.FailedNode)
        {
            yield return new FailoverCandidate(writer, HostRole.Writer);
        }
        else
        {
            yield return new FailoverCandidate(view.FailedHost, HostRole.Writer);
        }
    }
}
