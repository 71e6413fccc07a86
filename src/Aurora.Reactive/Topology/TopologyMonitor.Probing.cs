using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Probing every known node in parallel: when the monitoring node is lost, when the topology names no
/// writer, and on every refresh of a cluster without a topology query. Each probe is bounded by the
/// operation timeout, so a node that never answers cannot hold the round.
/// </summary>
internal sealed partial class TopologyMonitor
{
    private sealed record ProbeAnswer(HostSpec Host, NodeIdentity? Identity, Exception? Error);

    private void StartProbe()
    {
        var hosts = KnownHosts();
        var generation = BeginOperation();
        var answers = new List<ProbeAnswer>();
        Report(TopologyMonitorEventKind.ProbingAllNodes, $"Asking {hosts.Count} node(s) their role: {string.Join(", ", hosts.Select(h => h.Endpoint))}.");
        var probes = _client.SupportsTopologyQuery
            ? hosts.Select(ProbeUntilRoundEnds).Merge().TakeUntil(Observable.Timer(_options.OperationTimeout, _scheduler))
            : ProbeEachOnce(hosts, askReadersAgain: _mode == TopologyRefreshMode.Fast);
        var subscription = new SingleAssignmentDisposable();
        _operation.Disposable = subscription;
        SubscribeOutsideGate(subscription, () => probes.Subscribe(
            answer => OnProbeAnswer(generation, answers, answer),
            error => OnProbeFinished(generation, answers),
            () => OnProbeFinished(generation, answers)));
    }

    // The merged probes are subscribed only once the gate is released: a probe answering during the subscription takes
    // the merge's lock and then the gate, while an answer on another thread holds the merge's lock and waits for the
    // gate; subscribed under the gate, the two deadlocked and the monitor never read again. A cancelled operation has
    // disposed the slot by then, which disposes the late subscription at once.
    private void SubscribeOutsideGate(SingleAssignmentDisposable slot, Func<IDisposable> subscribe) =>
        _outbox.Post(() => slot.Disposable = subscribe());

    private IObservable<ProbeAnswer> ProbeOnce(HostSpec host) =>
        Bounded(() => _client.Identify(host), host)
            .Select(identity => new ProbeAnswer(host, identity, null))
            .Catch((Exception ex) => Observable.Return(new ProbeAnswer(host, null, ex)));

    // A round without a topology query ends when every node has answered once. In fast mode (a failover is on) a node
    // that said "reader" is asked again every fast interval while another node still holds the round (a frozen writer
    // does until the operation timeout), so a promotion during the round is heard at the next fast interval and
    // published at once (OnProbeAnswer), not after the frozen node's timeout and one more round.
    private IObservable<ProbeAnswer> ProbeEachOnce(IReadOnlyList<HostSpec> hosts, bool askReadersAgain) =>
        !askReadersAgain
            ? hosts.Select(ProbeOnce).Merge()
            : Observable.Defer(() =>
            {
                var unanswered = hosts.Count;
                var everyNodeAnswered = new AsyncSubject<Unit>();
                return hosts.Select(host => ProbeOnce(host)
                        .Do(_ =>
                        {
                            if (Interlocked.Decrement(ref unanswered) == 0)
                            {
                                everyNodeAnswered.OnNext(Unit.Default);
                                everyNodeAnswered.OnCompleted();
                            }
                        })
                        .SelectMany(answer => answer.Identity is { IsReader: true }
                            ? Observable.Return(answer).Concat(AskAgainEveryFastInterval(host).TakeUntil(everyNodeAnswered))
                            : Observable.Return(answer)))
                    .Merge();
            });

    private IObservable<ProbeAnswer> AskAgainEveryFastInterval(HostSpec host) =>
        Observable.Empty<ProbeAnswer>().DelaySubscription(_options.FastRefreshInterval, _scheduler)
            .Concat(ProbeOnce(host))
            .Repeat();

    // Looking for the writer: a node that says "reader" or fails is asked again every fast interval until the
    // round ends (after the operation timeout), so a frozen node cannot delay seeing a promotion elsewhere.
    private IObservable<ProbeAnswer> ProbeUntilRoundEnds(HostSpec host) =>
        ProbeOnce(host)
            .Concat(Observable.Empty<ProbeAnswer>().DelaySubscription(_options.FastRefreshInterval, _scheduler))
            .Repeat();

    private void OnProbeAnswer(long generation, List<ProbeAnswer> answers, ProbeAnswer answer)
    {
        using (EnterGate())
        {
            if (_disposed || !_busy || generation != _generation)
            {
                return;
            }

            var failedBefore = answers.Any(a => a.Error is not null && NodeId.At(a.Host) == NodeId.At(answer.Host));
            answers.Add(answer);
            if (answer.Error is { } error)
            {
                if (failedBefore)
                {
                    return;
                }

                Report(TopologyMonitorEventKind.Error, $"Probing {answer.Host.Endpoint} failed: {error.Message}", answer.Host, error);
                return;
            }

            if (_client.SupportsTopologyQuery && answer.Identity is { IsReader: false } writer)
            {
                // The writer confirmed its role itself: read the topology through it at once, without waiting for slower nodes.
                EndOperation(generation);
                _confirmedWriter = writer.ToHost();
                _via = _confirmedWriter;
                StartRead(_confirmedWriter);
            }
            else if (!_client.SupportsTopologyQuery && answer.Identity is { IsReader: false } && _current is { } current
                && !(current.Writer is { } knownWriter && NodeId.At(knownWriter) == NodeId.At(answer.Host)))
            {
                // A writer other than the one published confirmed itself: publish now instead of waiting for a node that hangs
                // (the old writer, frozen, would hold the round for the operation timeout). Readers that have not answered yet
                // keep their place from the last snapshot, so the cluster's shape does not shrink; the next round confirms them.
                EndOperation(generation);
                AcceptProbedTopology([.. answers, .. UnansweredReaders(current, answers)]);
            }
        }
    }

    private void OnProbeFinished(long generation, List<ProbeAnswer> answers)
    {
        using (EnterGate())
        {
            if (!EndOperation(generation))
            {
                return;
            }

            if (_client.SupportsTopologyQuery)
            {
                _failures++;
                Report(TopologyMonitorEventKind.Error, $"No node confirmed being the writer ({Describe(answers)}).");
                ScheduleNext(failed: true);
                return;
            }

            AcceptProbedTopology(answers);
        }
    }

    private void AcceptProbedTopology(List<ProbeAnswer> answers)
    {
        // A node asked again during the round counts with its latest answer (a reader promoted meanwhile is the writer).
        var identities = answers.Where(a => a.Identity is not null).GroupBy(a => a.Host.Endpoint, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last().Identity!).ToArray();
        if (identities.Length == 0)
        {
            _failures++;
            Report(TopologyMonitorEventKind.Error, $"No node answered ({Describe(answers)}).");
            ScheduleNext(failed: true);
            return;
        }

        _failures = 0;
        var writers = identities.Where(i => !i.IsReader).Select(i => i.ToHost()).ToArray();
        if (writers.Length > 1)
        {
            // Two primaries (split brain): picking one could send writes to the wrong node.
            Report(TopologyMonitorEventKind.Error, $"Several nodes say they are the writer: {string.Join(", ", writers.Select(w => w.Endpoint))}; the writer is unknown.");
        }

        var readers = identities.Where(i => i.IsReader).Select(i => i.ToHost()).ToArray();
        var snapshot = new TopologySnapshot(writers.Length == 1 ? writers[0] : null, readers, _scheduler.Now);
        Accept(snapshot);
        ScheduleNext(failed: false);
    }

    private static IEnumerable<ProbeAnswer> UnansweredReaders(TopologySnapshot previous, List<ProbeAnswer> answers) =>
        previous.Readers
            .Where(reader => !answers.Any(a => NodeId.At(a.Host) == NodeId.At(reader)))
            .Select(reader => new ProbeAnswer(reader, new NodeIdentity(reader, reader.InstanceId ?? reader.Endpoint, IsReader: true), null));

    // Without a topology query a node is whatever answers a role probe, named by its address. When the seeds name
    // instances, a seed without an instance id is an entry point (a cluster endpoint), not a node: asked its role it
    // answers for the node behind it, and would be a second writer (writer unknown) or, after the endpoint is re-pointed,
    // a writer that alternates with the real one, moving every connection to and fro. It is left out of role probes.
    private List<HostSpec> KnownHosts()
    {
        var known = new List<HostSpec>();
        var instancesNamed = !_client.SupportsTopologyQuery && _seedHosts.Any(h => h.InstanceId is not null);
        var candidates = _seedHosts.Where(h => !instancesNamed || h.InstanceId is not null).Concat(_current?.Hosts ?? []);
        foreach (var host in candidates)
        {
            if (!known.Any(k => NodeId.At(k) == NodeId.At(host)))
            {
                known.Add(host);
            }
        }

        return known;
    }

    private static string Describe(List<ProbeAnswer> answers) =>
        answers.Count == 0
            ? "no answers"
            : string.Join("; ", answers.GroupBy(a => a.Host.Endpoint).Select(g => g.Last()).Select(a => a.Identity is { } i
                ? $"{a.Host.Endpoint}: {(i.IsReader ? "reader" : "writer")} '{i.InstanceId}'"
                : $"{a.Host.Endpoint}: {a.Error?.Message}"));
}
