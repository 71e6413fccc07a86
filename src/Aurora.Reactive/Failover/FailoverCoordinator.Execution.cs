using System.Diagnostics;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>Running one connection's failover: join or start the shared search, claim or open its own connection, bound by its deadline.</summary>
internal sealed partial class FailoverCoordinator
{
    /// <inheritdoc/>
    public Task<FailoverOutcome> FailOverAsync(FailoverRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var completion = _handOff.NewCompletion<FailoverOutcome>();
        lock (_gate)
        {
            if (_disposed)
            {
                return Task.FromResult(FailoverOutcome.Failure("the data source was disposed"));
            }

            _running.Add(completion);
        }

        var started = _scheduler.Now;
        var activity = Telemetry.ConnectionFailoverStarted(request.FailedHost, request.IsReadOnly, started);
        var timeout = Timing.Timeout;
        var subscription = new SingleAssignmentDisposable();
        var registration = cancellationToken.Register(() =>
        {
            subscription.Dispose();
            completion.TrySetCanceled(cancellationToken);
        });

        // The failover's one deadline: neither the shared search nor the policy keeps one. At the deadline the failure names
        // what the search was last waiting for and the last attempt error; the search goes on while another failover wants it.
        var lastLooked = FailoverSearchResult.Looking(null, null);
        subscription.Disposable = Flow(request, looking => Volatile.Write(ref lastLooked, looking))
            .Take(1)
            .Timeout(timeout, Observable.Defer(() => Observable.Return(Failed(Volatile.Read(ref lastLooked).TimedOut(timeout)))), _scheduler)
            .Subscribe(
                outcome => Complete(completion, request, outcome, started, activity),
                error => Complete(completion, request, FailoverOutcome.Failure($"the failover failed: {error.Message}", error), started, activity),
                () => Complete(completion, request, FailoverOutcome.Failure("the failover ended without a node"), started, activity));
        _ = completion.Task.ContinueWith(
            task =>
            {
                if (task.IsCanceled)
                {
                    Telemetry.ConnectionFailoverEnded(activity, new FailoverReport(request.FailedHost, null, _scheduler.Now - started, "cancelled by the caller"), _scheduler.Now);
                }

                registration.Dispose();
                subscription.Dispose();
                lock (_gate)
                {
                    _running.Remove(completion);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return _handOff.Deliver(completion);
    }

    private void Complete(TaskCompletionSource<FailoverOutcome> completion, FailoverRequest request, FailoverOutcome outcome, DateTimeOffset started, Activity? activity)
    {
        if (!completion.TrySetResult(outcome))
        {
            if (outcome.Connection is { } orphan)
            {
                VerifiedConnection.DisposeQuietly(orphan);
            }

            return;
        }

        var report = new FailoverReport(request.FailedHost, outcome.Host, _scheduler.Now - started, outcome.FailureMessage);
        Telemetry.ConnectionFailoverEnded(activity, report, _scheduler.Now);
        using (_outbox.Enter())
        {
            _reports.Publish(report);
        }
    }

    private IObservable<FailoverOutcome> Flow(FailoverRequest request, Action<FailoverSearchResult> looking) =>
        Observable.Defer(() => SearchFor(request))
            .Do(result =>
            {
                if (!result.Ended)
                {
                    looking(result);
                }
            })
            .Where(result => result.Ended)
            .Take(1)
            .SelectMany(result =>
            {
                if (result.Found is not { } found)
                {
                    return Observable.Return(Failed(result));
                }

                if (found.Claim() is { } connection)
                {
                    return Observable.Return(FailoverOutcome.Success(connection, found.Host));
                }

                return JoinFoundNode(request, found.Host)
                    .Catch<FailoverOutcome, Exception>(_ => Observable.Timer(ResearchPause, _scheduler).SelectMany(_ => Flow(request, looking)));
            });

    private static FailoverOutcome Failed(FailoverSearchResult result) => FailoverOutcome.Failure(result.FailureMessage, result.LastError);

    // Another connection's search found the node: connect there directly and check it still has the role found.
    private IObservable<FailoverOutcome> JoinFoundNode(FailoverRequest request, HostSpec node) =>
        _connectorFor(request.Connections).Connect(node)
            .Timeout(Timing.ReaderConnectTimeout, _scheduler)
            .Take(1)
            .Select(verified =>
            {
                var connection = verified.Claim()!;
                if (verified.Host.Role == node.Role)
                {
                    return FailoverOutcome.Success(connection, verified.Host);
                }

                VerifiedConnection.DisposeQuietly(connection);
                throw new InvalidOperationException($"{node} now answers as {verified.Host.Role}.");
            });

    private IObservable<FailoverSearchResult> SearchFor(FailoverRequest request)
    {
        var key = (NodeId.Of(request.FailedHost, LatestSnapshot), request.IsReadOnly);
        IObservable<FailoverSearchResult>? search;
        lock (_gate)
        {
            if (_disposed)
            {
                return Observable.Return(FailoverSearchResult.Failure("the data source was disposed", null));
            }

            if (_searches.TryGetValue(key, out search))
            {
                return search;
            }

            _searchCount++;
            var connector = _connectorFor(request.Connections);
            IObservable<FailoverSearchResult>? shared = null;
            void Forget()
            {
                lock (_gate)
                {
                    if (_searches.TryGetValue(key, out var current) && ReferenceEquals(current, shared))
                    {
                        _searches.Remove(key);
                    }
                }
            }

            shared = FailoverSearch.Run(Policy, attempts => SignalsFor(request, attempts), connector, Timing, _scheduler, request.IsNodeFailure)
                .Do(result =>
                {
                    if (result.Ended)
                    {
                        Forget();
                    }
                }, _ => Forget(), Forget)
                .Finally(Forget)
                .Replay(1)
                .RefCount();
            _searches[key] = shared;
            search = shared;
        }

        _requestFastRefresh();
        return search;
    }

    private ClusterSignals SignalsFor(FailoverRequest request, IObservable<ConnectAttempt> attempts) =>
        new(request.FailedHost, Mode, Timing, _scheduler, _topology, attempts)
        {
            Health = _verdicts.Changes,
            ConnectionStates = request.Connection.StateChanges,
            IsReadOnly = request.IsReadOnly,
        };
}
