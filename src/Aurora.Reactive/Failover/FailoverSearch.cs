using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// One search for a node: subscribes the policy's decisions, starts an attempt per
/// <see cref="FailoverDecisionKind.ConnectTo"/> (one per node at a time, each bounded by the reader connect
/// timeout), feeds every attempt's result back to the policy, and ends with the first node that confirms
/// the expected role or a give-up. Meanwhile each wait and each failed attempt is emitted as a
/// <see cref="FailoverSearchResult.Looking"/>. It has no deadline of its own: it runs while a failover wants it, and
/// each failover's deadline is the coordinator's (<see cref="FailoverCoordinator.FailOverAsync"/>). Cold: each
/// subscription is one search.
/// </summary>
internal static class FailoverSearch
{
    public static IObservable<FailoverSearchResult> Run(
        IFailoverPolicy policy,
        Func<IObservable<ConnectAttempt>, ClusterSignals> signalsFor,
        IFailoverConnector connector,
        FailoverTiming timing,
        IScheduler scheduler) =>
        Observable.Create<FailoverSearchResult>(observer => new SearchRun(policy, signalsFor, connector, timing, scheduler, observer).Start());

    private sealed class SearchRun(
        IFailoverPolicy policy,
        Func<IObservable<ConnectAttempt>, ClusterSignals> signalsFor,
        IFailoverConnector connector,
        FailoverTiming timing,
        IScheduler scheduler,
        IObserver<FailoverSearchResult> observer)
    {
        private readonly object _gate = new();
        private readonly Subject<ConnectAttempt> _attempts = new();
        private readonly object _feedGate = new();
        private readonly Dictionary<string, IDisposable> _inFlight = new(StringComparer.Ordinal);
        private readonly CompositeDisposable _resources = new();
        private List<FailoverDecision>? _early = [];
        private bool _done;
        private Exception? _lastError;
        private string? _lastWait;

        public IDisposable Start()
        {
            lock (_gate)
            {
                _resources.Add(policy.Decide(signalsFor(_attempts.AsObservable())).Subscribe(
                    OnDecision,
                    error => Finish(FailoverSearchResult.Failure($"the failover policy failed: {error.Message}", error)),
                    () => Finish(FailoverSearchResult.Failure("the failover policy ended without a node" + WaitSuffix(), _lastError))));

                // Decisions made while the policy was still subscribing (a replayed topology names the writer at once) are
                // acted on only now: an attempt that failed at once would otherwise report to a policy not yet listening to
                // attempts, and no retry would ever be decided.
                var early = _early!;
                _early = null;
                foreach (var decision in early)
                {
                    OnDecision(decision);
                }
            }

            return Disposable.Create(Stop);
        }

        private void ReportLooking() => observer.OnNext(FailoverSearchResult.Looking(_lastWait, _lastError));

        private string WaitSuffix() => _lastWait is null ? "" : $"; last state: {_lastWait}";

        private void OnDecision(FailoverDecision decision)
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                if (_early is not null)
                {
                    _early.Add(decision);
                    return;
                }

                switch (decision.Kind)
                {
                    case FailoverDecisionKind.ConnectTo:
                        StartAttempt(decision);
                        break;
                    case FailoverDecisionKind.Wait:
                        _lastWait = decision.Reason;
                        ReportLooking();
                        break;
                    default:
                        Finish(FailoverSearchResult.Failure(decision.Reason, _lastError));
                        break;
                }
            }
        }

        private void StartAttempt(FailoverDecision decision)
        {
            var host = decision.Host!;
            var key = HostMatch.Key(host);
            if (_inFlight.ContainsKey(key))
            {
                return;
            }

            var attempt = new SingleAssignmentDisposable();
            _inFlight[key] = attempt;
            var bound = timing.ReaderConnectTimeout;
            attempt.Disposable = connector.Connect(host)
                .Timeout(bound, Observable.Throw<VerifiedConnection>(
                    new TimeoutException($"{host.Endpoint} did not connect and answer within {bound.TotalSeconds:0.###} s.")), scheduler)
                .Take(1)
                .Subscribe(
                    verified => OnConnected(decision, key, attempt, verified),
                    error => OnAttemptFailed(decision, key, attempt, error));
        }

        private void OnConnected(FailoverDecision decision, string key, IDisposable attempt, VerifiedConnection verified)
        {
            ConnectAttempt refused;
            lock (_gate)
            {
                Forget(key, attempt);
                if (_done)
                {
                    verified.DisposeUnclaimed();
                    return;
                }

                var role = verified.Host.Role;
                if (decision.ExpectedRole == HostRole.Unknown || role == decision.ExpectedRole)
                {
                    Finish(FailoverSearchResult.Success(verified));
                    return;
                }

                verified.DisposeUnclaimed();
                _lastError = new InvalidOperationException($"{decision.Host} answered as {role}, expected {decision.ExpectedRole}.");
                ReportLooking();
                refused = new ConnectAttempt(decision.Host!, decision.ExpectedRole, ConnectAttemptOutcome.WrongRole, role);
            }

            Feed(refused);
        }

        private void OnAttemptFailed(FailoverDecision decision, string key, IDisposable attempt, Exception error)
        {
            lock (_gate)
            {
                Forget(key, attempt);
                if (_done)
                {
                    return;
                }

                _lastError = error;
                ReportLooking();
            }

            Feed(new ConnectAttempt(decision.Host!, decision.ExpectedRole, ConnectAttemptOutcome.Failed, Error: error));
        }

        // Never under _gate: the policy's merge holds its own lock while it calls OnDecision, which takes _gate.
        private void Feed(ConnectAttempt attempt)
        {
            lock (_feedGate)
            {
                if (!Volatile.Read(ref _done))
                {
                    _attempts.OnNext(attempt);
                }
            }
        }

        private void Forget(string key, IDisposable attempt)
        {
            if (_inFlight.TryGetValue(key, out var current) && ReferenceEquals(current, attempt))
            {
                _inFlight.Remove(key);
            }
        }

        private void Finish(FailoverSearchResult result)
        {
            lock (_gate)
            {
                if (_done)
                {
                    result.Found?.DisposeUnclaimed();
                    return;
                }

                StopLocked();
                observer.OnNext(result);
                observer.OnCompleted();
            }
        }

        private void Stop()
        {
            lock (_gate)
            {
                StopLocked();
            }
        }

        private void StopLocked()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            foreach (var attempt in _inFlight.Values.ToList())
            {
                attempt.Dispose();
            }

            _inFlight.Clear();
            _resources.Dispose();
        }
    }
}
