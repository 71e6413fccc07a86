using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// <c>strict_reader</c>: readers only (in topology order, the failed node last), each of which must confirm
/// being a reader; the writer is taken only when the topology shows a single-node cluster (a writer and no
/// reader). One attempt at a time, each bounded by <see cref="FailoverTiming.ReaderConnectTimeout"/>. A node failure
/// monitoring declared dead comes last (see <see cref="CandidateEngineState"/>); the coordinator ends the failover at
/// <see cref="FailoverTiming.Timeout"/>.
/// </summary>
internal sealed class StrictReaderPolicy : IFailoverPolicy
{
    /// <summary>The shared instance; the policy holds no state.</summary>
    public static StrictReaderPolicy Instance { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is <see langword="null"/>.</exception>
    public IObservable<FailoverDecision> Decide(ClusterSignals signals) =>
        CandidatePolicyEngine.Run(signals, Candidates, parallelism: 1);

    private static IEnumerable<FailoverCandidate> Candidates(CandidateView view)
    {
        if (view.Topology is null)
        {
            return view.FailedHost.Role == HostRole.Writer ? [] : [new FailoverCandidate(view.FailedHost, HostRole.Reader)];
        }

        if (view.Topology.Readers.Count == 0 && view.Topology.Writer is { } only)
        {
            return [new FailoverCandidate(only, HostRole.Writer)];
        }

        return view.ReadersFailedLast().Select(r => new FailoverCandidate(r, HostRole.Reader));
    }
}
