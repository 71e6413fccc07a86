using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The state of one built-in policy run: the latest topology and health, the attempts in flight and the
/// nodes whose last attempt failed. Each signal updates it and yields the decisions it now calls for.
/// Used by one serialized stream only.
/// </summary>
internal sealed class CandidateEngineState(
    HostSpec failedHost, Func<CandidateView, IEnumerable<FailoverCandidate>> rule, int parallelism)
{
    // Each node whose last attempt failed, until that attempt's retry timer (RetryDue) makes it a candidate again.
    private readonly Dictionary<string, ConnectAttempt> _failed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostHealthStatus> _health = new(StringComparer.Ordinal);
    private TopologySnapshot? _topology;
    private string? _lastWait;

    public IReadOnlyList<FailoverDecision> Apply(object signal)
    {
        switch (signal)
        {
            case TopologySnapshot snapshot:
                _topology = snapshot;
                break;
            case HostHealth health:
                _health[HostMatch.Key(health.Host)] = health.Status;
                break;
            case ConnectAttempt attempt:
                var key = HostMatch.Key(attempt.Host);
                _pending.Remove(key);
                if (attempt.Outcome != ConnectAttemptOutcome.Accepted)
                {
                    _failed[key] = attempt;
                }

                break;

            // The retry timer of a failed attempt is what makes its node a candidate again, not a comparison of clock
            // readings: a real timer may fire a moment before its due time by the scheduler's clock, and a node then
            // still "failed recently" would never be retried (no later signal need come).
            case RetryDue due when _failed.TryGetValue(HostMatch.Key(due.Attempt.Host), out var failed) && ReferenceEquals(failed, due.Attempt):
                _failed.Remove(HostMatch.Key(due.Attempt.Host));
                break;
        }

        return Evaluate();
    }

    private List<FailoverDecision> Evaluate()
    {
        var decisions = new List<FailoverDecision>();
        var candidates = rule(new CandidateView(_topology, failedHost)).ToList();
        var waitingForRetry = false;
        foreach (var candidate in candidates)
        {
            if (_pending.Count >= parallelism)
            {
                break;
            }

            var key = HostMatch.Key(candidate.Host);
            if (_pending.Contains(key) || IsUnhealthy(key))
            {
                continue;
            }

            if (_failed.ContainsKey(key))
            {
                waitingForRetry = true;
                continue;
            }

            _pending.Add(key);
            decisions.Add(FailoverDecision.ConnectTo(candidate.Host, candidate.ExpectedRole));
        }

        if (decisions.Count > 0)
        {
            _lastWait = null;
        }
        else if (_pending.Count == 0)
        {
            var reason = _topology is null ? "topology not known yet"
                : waitingForRetry ? "every candidate failed recently; retrying after the reconnect interval"
                : candidates.Count == 0 ? "no candidate node in the topology"
                : "every candidate node is unhealthy";
            if (reason != _lastWait)
            {
                _lastWait = reason;
                decisions.Add(FailoverDecision.Wait(reason));
            }
        }

        return decisions;
    }

    private bool IsUnhealthy(string key) => _health.TryGetValue(key, out var status) && status == HostHealthStatus.Unhealthy;
}

/// <summary>The reconnect interval after <see cref="Attempt"/> failed has passed.</summary>
internal sealed record RetryDue(ConnectAttempt Attempt);
