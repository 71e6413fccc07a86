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
    HostSpec failedHost, Func<CandidateView, IEnumerable<FailoverCandidate>> rule, int parallelism, TimeSpan retryDelay)
{
    private readonly Dictionary<string, DateTimeOffset> _failedAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostHealthStatus> _health = new(StringComparer.Ordinal);
    private TopologySnapshot? _topology;
    private string? _lastWait;

    public IReadOnlyList<FailoverDecision> Apply(object signal, DateTimeOffset now)
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
                    _failedAt[key] = now;
                }

                break;
        }

        return Evaluate(now);
    }

    private List<FailoverDecision> Evaluate(DateTimeOffset now)
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

            if (_failedAt.TryGetValue(key, out var failedAt) && now < failedAt + retryDelay)
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
