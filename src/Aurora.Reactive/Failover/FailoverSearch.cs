using System.Data.Common;
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
/// the expected role, a give-up, or the first attempt a node refused (a client or configuration error).
/// Meanwhile each wait and each failed attempt is emitted as a <see cref="FailoverSearchResult.Looking"/>. It has no deadline of its own: it runs while a failover wants it, and
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
        IScheduler scheduler,
        Func<Exception, bool>? isNodeFailure = null) =>
        Observable.Create<FailoverSearchResult>(observer => new SearchRun(policy, signalsFor, connector, timing, scheduler, isNodeFailure ?? (_ => true), observer).Start());

    private sealed class SearchRun(
        IFailoverPolicy policy,
        Func<IObservable<ConnectAttempt>, ClusterSignals> signalsFor,
        IFailoverConnector connector,
        FailoverTiming timing,
        IScheduler scheduler,
        Func<Exception, bool> isNodeFailure,
        IObserver<FailoverSearchResult> observer)
    {
        // Every event of the search (its start, a decision, an attempt's end, its stop) is queued and run one at a time by
        // whichever thread finds the queue idle; the queue's lock is never held while the search calls out. The policy
        // calls the search under its own lock (its merge) and the search feeds the policy the attempts' results, while an
        // attempt may end during its own subscription: a lock of the search held across any of these calls would meet the
        // policy's lock taken in the other order on another thread.
        private readonly Queue<Action> _queue = new();
        private bool _running;

        // Touched only by the queued events.
        private readonly Subject<ConnectAttempt> _attempts = new();
        private readonly Dictionary<NodeId, IDisposable> _inFlight = [];
        private readonly CompositeDisposable _resources = new();
        private bool _done;
        private Exception? _lastError;
        private string? _lastWait;

        public IDisposable Start()
        {
            // Decisions the policy makes while it is still subscribing (a replayed topology names the writer at once) queue
            // behind the subscription: an attempt that failed at once would otherwise report to a policy not yet listening
            // to attempts, and no retry would ever be decided.
            Run(() => _resources.Add(policy.Decide(signalsFor(_attempts.AsObservable())).Subscribe(
                decision => Run(() => OnDecision(decision)),
                error => Run(() => Finish(FailoverSearchResult.Failure($"the failover policy failed: {error.Message}", error))),
                () => Run(() => Finish(FailoverSearchResult.Failure("the failover policy ended without a node" + WaitSuffix(), _lastError))))));
            return Disposable.Create(() => Run(Stop));
        }

        private void Run(Action step)
        {
            lock (_queue)
            {
                _queue.Enqueue(step);
                if (_running)
                {
                    return;
                }

                _running = true;
            }

            while (true)
            {
                Action next;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out next!))
                    {
                        _running = false;
                        return;
                    }
                }

                try
                {
                    next();
                }
#pragma warning disable CA1031 // The search ends with the error instead of leaving its queue stuck.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    Fail(error);
                }
            }
        }

        private void Fail(Exception error)
        {
            try
            {
                Finish(FailoverSearchResult.Failure($"the failover search failed: {error.Message}", error));
            }
#pragma warning disable CA1031 // The observer threw on the failure itself; the search is stopped either way.
            catch (Exception)
#pragma warning restore CA1031
            {
                Stop();
            }
        }

        private void ReportLooking() => observer.OnNext(FailoverSearchResult.Looking(_lastWait, _lastError));

        private string WaitSuffix() => _lastWait is null ? "" : $"; last state: {_lastWait}";

        private void OnDecision(FailoverDecision decision)
        {
            if (_done)
            {
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

        private void StartAttempt(FailoverDecision decision)
        {
            var host = decision.Host!;
            var key = host.Node;
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
                    verified => Run(() => OnConnected(decision, key, attempt, verified)),
                    error => Run(() => OnAttemptFailed(decision, key, attempt, error)));
        }

        private void OnConnected(FailoverDecision decision, NodeId key, IDisposable attempt, VerifiedConnection verified)
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
            Feed(new ConnectAttempt(decision.Host!, decision.ExpectedRole, ConnectAttemptOutcome.WrongRole, role));
        }

        private void OnAttemptFailed(FailoverDecision decision, NodeId key, IDisposable attempt, Exception error)
        {
            Forget(key, attempt);
            if (_done)
            {
                return;
            }

            _lastError = error;
            if (IsRefusal(error))
            {
                Finish(FailoverSearchResult.Failure($"{decision.Host!.InstanceId ?? decision.Host.Endpoint} refused the connection: {error.Message}", error));
                return;
            }

            ReportLooking();
            Feed(new ConnectAttempt(decision.Host!, decision.ExpectedRole, ConnectAttemptOutcome.Failed, Error: error));
        }

        /// <summary>
        /// The node answered and refused the request itself (a bad password, an unknown database: an error the driver does
        /// not call a node failure). The nodes of a cluster share their roles and catalogs, so every other node and every
        /// retry would refuse it too: the failover ends on it rather than at its deadline. Only a driver's error
        /// (<see cref="DbException"/>) counts; the attempt's own timeout, a cancellation or a usage error from a pool that
        /// handed out a broken session is retried as before.
        /// </summary>
        private bool IsRefusal(Exception error) => error is DbException && !isNodeFailure(error);

        private void Feed(ConnectAttempt attempt)
        {
            if (!_done)
            {
                _attempts.OnNext(attempt);
            }
        }

        private void Forget(NodeId key, IDisposable attempt)
        {
            if (_inFlight.TryGetValue(key, out var current) && ReferenceEquals(current, attempt))
            {
                _inFlight.Remove(key);
            }
        }

        private void Finish(FailoverSearchResult result)
        {
            if (_done)
            {
                result.Found?.DisposeUnclaimed();
                return;
            }

            Stop();
            observer.OnNext(result);
            observer.OnCompleted();
        }

        private void Stop()
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
