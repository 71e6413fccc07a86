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
    private readonly Dictionary<NodeId, ConnectAttempt> _failed = [];
    private readonly HashSet<NodeId> _pending = [];
    private readonly Dictionary<NodeId, HostHealth> _health = [];
    private TopologySnapshot? _topology;
    private string? _lastWait;
    private bool _evaluated;

    public IReadOnlyList<FailoverDecision> Apply(object signal)
    {
        switch (signal)
        {
            case TopologySnapshot snapshot:
                _topology = snapshot;
                break;
            case HostHealth health:
                _health[health.Host.Node] = health;

                // The standing verdicts replayed at subscription come before the replayed topology: deciding on them alone
                // would pick the failed node before the topology is seen.
                if (!_evaluated)
                {
                    return [];
                }

                break;
            case ConnectAttempt attempt:
                var key = attempt.Host.Node;
                _pending.Remove(key);
                if (attempt.Outcome != ConnectAttemptOutcome.Accepted)
                {
                    _failed[key] = attempt;
                }

                break;

            // The retry timer of a failed attempt is what makes its node a candidate again, not a comparison of clock
            // readings: a real timer may fire a moment before its due time by the scheduler's clock, and a node then
            // still "failed recently" would never be retried (no later signal need come).
            case RetryDue due when _failed.TryGetValue(due.Attempt.Host.Node, out var failed) && ReferenceEquals(failed, due.Attempt):
                _failed.Remove(due.Attempt.Host.Node);
                break;
        }

        return Evaluate();
    }

    // A node failure monitoring declared dead comes last: it is tried only when no other candidate can be tried now (none
    // in flight, none started, every other one waiting for its retry or none left). A verdict may be stale (the node is no
    // longer probed, or answered again), and a policy that never tried such a node would wait out the whole failover for a
    // writer that stayed writer.
    private List<FailoverDecision> Evaluate()
    {
        _evaluated = true;
        var decisions = new List<FailoverDecision>();
        var candidates = rule(new CandidateView(_topology, failedHost)).ToList();
        var waitingForRetry = Offer(candidates.Where(c => !IsUnhealthy(c)), decisions, reason: null);
        if (decisions.Count == 0 && _pending.Count == 0)
        {
            waitingForRetry |= Offer(candidates.Where(IsUnhealthy), decisions, "declared dead by failure monitoring; tried as no other candidate can be");
        }

        if (decisions.Count > 0)
        {
            _lastWait = null;
        }
        else if (_pending.Count == 0)
        {
            var reason = _topology is null ? "topology not known yet"
                : waitingForRetry ? "every candidate failed recently; retrying after the reconnect interval"
                : "no candidate node in the topology";
            if (reason != _lastWait)
            {
                _lastWait = reason;
                decisions.Add(FailoverDecision.Wait(reason));
            }
        }

        return decisions;
    }

    // Adds a ConnectTo per candidate that may be tried now, up to the parallelism; true when a candidate waits for its retry.
    private bool Offer(IEnumerable<FailoverCandidate> candidates, List<FailoverDecision> decisions, string? reason)
    {
        var waitingForRetry = false;
        foreach (var candidate in candidates)
        {
            if (_pending.Count >= parallelism)
            {
                break;
            }

            var host = ToReach(candidate.Host);
            var key = host.Node;
            if (_pending.Contains(key))
            {
                continue;
            }

            if (_failed.ContainsKey(key))
            {
                waitingForRetry = true;
                continue;
            }

            _pending.Add(key);
            decisions.Add(FailoverDecision.ConnectTo(
                host, candidate.ExpectedRole, reason is null ? null : $"try {host.InstanceId ?? host.Endpoint} as {candidate.ExpectedRole}: {reason}"));
        }

        return waitingForRetry;
    }

    // A host whose instance lives at another address in the topology is an endpoint name (cluster, writer or reader
    // endpoint): the id it carries is the node it forwarded to when that connection was opened, not necessarily the one it
    // reaches now. It is tried without that id, so the connector asks the node it reaches which instance it is (the
    // topology, still naming the old writer right after a promotion, must not label a connection to the new one).
    private HostSpec ToReach(HostSpec host) =>
        host.InstanceId is { } id && _topology is { } topology
            && topology.Hosts.Any(known => known.InstanceId == id && NodeId.At(known) != NodeId.At(host))
            ? new HostSpec(host.Host, host.Port, null, host.Role)
            : host;

    private bool IsUnhealthy(FailoverCandidate candidate) =>
        _health.Values.Any(health => health.Status == HostHealthStatus.Unhealthy && NodeId.Same(health.Host, candidate.Host));
}

/// <summary>The reconnect interval after <see cref="Attempt"/> failed has passed.</summary>
internal sealed record RetryDue(ConnectAttempt Attempt);
