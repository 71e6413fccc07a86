using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// <c>reader_or_writer</c>: any reachable node, readers first (in topology order, the failed node last), then
/// the writer; a node is accepted whatever role it reports. One attempt at a time, each bounded by
/// <see cref="FailoverTiming.ReaderConnectTimeout"/>. Before the first topology is known, the failed node is
/// retried. A node failure monitoring declared dead comes last (see <see cref="CandidateEngineState"/>); the coordinator
/// ends the failover at <see cref="FailoverTiming.Timeout"/>.
/// </summary>
internal sealed class ReaderOrWriterPolicy : IFailoverPolicy
{
    /// <summary>The shared instance; the policy holds no state.</summary>
    public static ReaderOrWriterPolicy Instance { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is <see langword="null"/>.</exception>
    public IObservable<FailoverDecision> Decide(ClusterSignals signals) =>
        CandidatePolicyEngine.Run(signals, Candidates, parallelism: 1);

    private static IEnumerable<FailoverCandidate> Candidates(CandidateView view)
    {
        if (view.Topology is null)
        {
            return [new FailoverCandidate(view.FailedHost, HostRole.Unknown)];
        }

        var readers = view.ReadersFailedLast().Select(r => new FailoverCandidate(r, HostRole.Unknown));
        return view.Topology.Writer is { } writer ? readers.Append(new FailoverCandidate(writer, HostRole.Unknown)) : readers;
    }
}
