using System.Reactive.Linq;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The Rx pipeline behind the built-in policies: topology, health, attempt results and retry timers are
/// merged into one serialized stream and folded by <see cref="CandidateEngineState"/>. No I/O, every timer on
/// the signals' scheduler, and no deadline: the coordinator ends the failover at <see cref="FailoverTiming.Timeout"/>.
/// </summary>
internal static class CandidatePolicyEngine
{
    private static readonly object Start = new();

    public static IObservable<FailoverDecision> Run(
        ClusterSignals signals, Func<CandidateView, IEnumerable<FailoverCandidate>> rule, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var scheduler = signals.Scheduler;
        var retryDelay = signals.Timing.WriterReconnectInterval;
        return Observable.Defer(() =>
        {
            var state = new CandidateEngineState(signals.FailedHost, rule, parallelism);
            var attempts = signals.Attempts.Publish(a => a.Select(x => (object)x).Merge(
                a.Where(x => x.Outcome != ConnectAttemptOutcome.Accepted)
                    .SelectMany(x => Observable.Timer(retryDelay, scheduler).Select(_ => (object)new RetryDue(x)))));
            // Health first: the verdicts standing at subscription must be known before the replayed topology is decided on.
            return Observable.Merge(
                    signals.Health.Select(h => (object)h),
                    signals.Topology.Select(t => (object)t),
                    attempts,
                    Observable.Return(Start, scheduler))
                .SelectMany(state.Apply);
        });
    }
}
