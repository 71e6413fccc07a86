using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Opening new connections where the topology says, not where a late-moving endpoint points: the writer for a writer
/// open, a live reader (round robin) for a reader open. Each node gets at most the reader connect timeout, and is given
/// up at once when a newer topology no longer gives it the role it was chosen for; before the topology is known a
/// writer open goes through the endpoint and asks the node its role.
/// </summary>
internal sealed partial class FailoverCoordinator : ITopologyAwareOpener
{
    // An open still running after this long is probably stuck on a frozen node: the topology is read fast from then on,
    // so a promotion is seen within the fast refresh interval instead of the normal one.
    internal static readonly TimeSpan SlowOpenThreshold = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a statement on the writer may go unanswered before its node is suspected frozen. A suspicion costs a
    /// topology read and a role probe of the other nodes (ended as soon as the read answers) and fast topology reads for
    /// <see cref="TopologyMonitorOptions.FastModeLinger"/>; it never fails the statement itself.
    /// </summary>
    internal static readonly TimeSpan StallThreshold = TimeSpan.FromMilliseconds(500);

    private TopologySnapshot? _latest;
    private int _spread = -1;
    private WriterPlan? _writerPlan;
    private ConnectorOfFactory? _connector;

    /// <inheritdoc/>
    IObservable<HostSpec> ITopologyAwareOpener.FormerWriters => _writerChanges.Select(change => change.Former);

    /// <inheritdoc/>
    IDisposable ITopologyAwareOpener.WatchStatement(HostSpec host) => WatchStatement(host);

    internal IDisposable WatchStatement(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return _scheduler.Schedule(StallThreshold, () => _reportStall(host));
    }

    /// <inheritdoc/>
    void ITopologyAwareOpener.ReportStall(HostSpec host) => _reportStall(host);

    /// <summary>The latest topology snapshot seen, or <see langword="null"/> before the first.</summary>
    internal TopologySnapshot? LatestSnapshot => Volatile.Read(ref _latest);

    /// <inheritdoc/>
    ValueTask<TopologyOpenResult> ITopologyAwareOpener.OpenAsync(TopologyOpenRequest request, CancellationToken cancellationToken) =>
        OpenAsync(request, cancellationToken);

    internal ValueTask<TopologyOpenResult> OpenAsync(TopologyOpenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var plan = Plan(request, null);
        Task<VerifiedConnection>? first = null;
        if (request.MayOpenInline && plan.Candidates is [var host, ..])
        {
            // The common case, and the one a pooled open per unit of work pays on every unit: the pool of the node the
            // topology names hands out an idle connection at once. Nothing then needs a bound, a timer, a watch or a task.
            first = ConnectorFor(request.Connections).TryStartOpen(host, out var opened);
            if (opened is not null)
            {
                return new ValueTask<TopologyOpenResult>(TopologyOpenResult.Opened(opened, host));
            }
        }

        return new ValueTask<TopologyOpenResult>(OpenBoundedAsync(request, plan, first, cancellationToken));
    }

    private Task<TopologyOpenResult> OpenBoundedAsync(
        TopologyOpenRequest request, (TopologySnapshot? Snapshot, IReadOnlyList<HostSpec>? Candidates) plan, Task<VerifiedConnection>? first, CancellationToken cancellationToken)
    {
        var completion = _handOff.NewCompletion<TopologyOpenResult>();
        var subscription = new SingleAssignmentDisposable();
        var registration = cancellationToken.Register(() =>
        {
            subscription.Dispose();
            completion.TrySetCanceled(cancellationToken);
        });
        var timeout = Timing.Timeout;
        subscription.Disposable = OpenFlow(request, plan, first)
            .Take(1)
            .Timeout(timeout, Observable.Defer(() => Observable.Return(TopologyOpenResult.Failed(
                request.InitialHost, new OpenAttemptFailedException($"no node opened within {timeout.TotalSeconds:0.###} s")))), _scheduler)
            .Subscribe(
                result =>
                {
                    if (!completion.TrySetResult(result) && result.Connection is { } orphan)
                    {
                        VerifiedConnection.DisposeQuietly(orphan);
                    }
                },
                error => completion.TrySetResult(TopologyOpenResult.Failed(request.InitialHost, error)),
                () => completion.TrySetResult(TopologyOpenResult.Failed(request.InitialHost, new OpenAttemptFailedException("the open ended without a node"))));
        _ = completion.Task.ContinueWith(
            _ =>
            {
                registration.Dispose();
                subscription.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return _handOff.Deliver(completion);
    }

    /// <summary>The snapshot an open goes by and its candidates (<see langword="null"/> before the topology is known).</summary>
    private (TopologySnapshot? Snapshot, IReadOnlyList<HostSpec>? Candidates) Plan(TopologyOpenRequest request, TopologySnapshot? newer)
    {
        var snapshot = newer ?? LatestSnapshot;
        var writerOpen = request.Target == OpenTarget.Writer && snapshot is not null;
        if (writerOpen && Volatile.Read(ref _writerPlan) is { } cached && ReferenceEquals(cached.Snapshot, snapshot) && !request.IsDead(cached.Candidates[0]))
        {
            return (snapshot, cached.Candidates);
        }

        var spread = request.Target == OpenTarget.Reader ? Interlocked.Increment(ref _spread) : 0;
        var candidates = OpenPlan.Candidates(snapshot, request.Target, Mode, request.IsDead, spread);
        if (writerOpen && candidates is [_])
        {
            Volatile.Write(ref _writerPlan, new WriterPlan(snapshot!, candidates));
        }

        return (snapshot, candidates);
    }

    // Every open of a data source goes through the same factory: its connector is made once, not per open.
    private IFailoverConnector ConnectorFor(IHostConnectionFactory connections)
    {
        if (Volatile.Read(ref _connector) is { } cached && ReferenceEquals(cached.Connections, connections))
        {
            return cached.Connector;
        }

        var connector = _connectorFor(connections);
        Volatile.Write(ref _connector, new ConnectorOfFactory(connections, connector));
        return connector;
    }

    private IObservable<TopologyOpenResult> OpenFlow(TopologyOpenRequest request, TopologySnapshot? newer) =>
        OpenFlow(request, null, null, newer);

    private IObservable<TopologyOpenResult> OpenFlow(
        TopologyOpenRequest request, (TopologySnapshot? Snapshot, IReadOnlyList<HostSpec>? Candidates)? planned, Task<VerifiedConnection>? first, TopologySnapshot? newer = null) =>
        Observable.Defer(() =>
        {
            var (snapshot, candidates) = planned ?? Plan(request, newer);
            if (candidates is null)
            {
                return request.Target == OpenTarget.Writer ? OpenThroughEndpoint(request) : Observable.Return(TopologyOpenResult.Unknown);
            }

            if (candidates.Count == 0)
            {
                return Observable.Return(TopologyOpenResult.Failed(
                    snapshot!.Writer ?? request.InitialHost,
                    new OpenAttemptFailedException($"failure monitoring declared every {request.Target} node dead: {snapshot}")));
            }

            return TryCandidates(request, candidates, 0, first);
        });

    private IObservable<TopologyOpenResult> TryCandidates(TopologyOpenRequest request, IReadOnlyList<HostSpec> candidates, int index, Task<VerifiedConnection>? started = null)
    {
        var host = candidates[index];
        return Attempt(request, host, started)
            .Select(verified => TopologyOpenResult.Opened(verified.Claim()!, verified.Host))
            .Catch<TopologyOpenResult, Exception>(error => error switch
            {
                TopologyMovedException moved => OpenFlow(request, moved.Snapshot),
                _ when error is not OpenAttemptFailedException && !request.IsNodeFailure(error) => Observable.Return(TopologyOpenResult.Failed(host, error)),
                _ when index + 1 < candidates.Count => TryCandidates(request, candidates, index + 1),
                _ => Observable.Return(TopologyOpenResult.Failed(host, error)),
            });
    }

    // One node: open from its pool without a role query (the topology named the role), bounded, abandoned when the
    // topology moves the role elsewhere; a slow open switches the topology monitor to fast reads.
    private IObservable<VerifiedConnection> Attempt(TopologyOpenRequest request, HostSpec host, Task<VerifiedConnection>? started)
    {
        var bound = Timing.ReaderConnectTimeout;
        var open = (started is null ? ConnectorFor(request.Connections).Open(host) : VerifiedConnection.Observe(started, host))
            .Timeout(bound, Observable.Throw<VerifiedConnection>(
                new OpenAttemptFailedException($"{host.Endpoint} did not open within {bound.TotalSeconds:0.###} s.")), _scheduler);
        var moved = _topology
            .Where(snapshot => !OpenPlan.StillFits(snapshot, host))
            .Take(1)
            .SelectMany(snapshot => Observable.Throw<VerifiedConnection>(new TopologyMovedException(snapshot)));
        return Observable.Using(
            () => _scheduler.Schedule(SlowOpenThreshold, _requestFastRefresh),
            _ => open.Merge(moved).Take(1));
    }

    // The topology is not known yet: open through the endpoint, as before, and ask the node its role, because an
    // endpoint that re-points late may still name the old writer, now a reader.
    private IObservable<TopologyOpenResult> OpenThroughEndpoint(TopologyOpenRequest request)
    {
        var host = request.InitialHost;
        var bound = Timing.ReaderConnectTimeout;
        return ConnectorFor(request.Connections).Connect(host)
            .Timeout(bound, Observable.Throw<VerifiedConnection>(
                new OpenAttemptFailedException($"{host.Endpoint} did not open and answer within {bound.TotalSeconds:0.###} s.")), _scheduler)
            .Take(1)
            .Select(verified =>
            {
                if (verified.Host.Role == HostRole.Reader)
                {
                    verified.DisposeUnclaimed();
                    _requestFastRefresh();
                    return TopologyOpenResult.Failed(host, new OpenAttemptFailedException($"{host.Endpoint} answered as a reader; a writer was expected."));
                }

                return TopologyOpenResult.Opened(verified.Claim()!, verified.Host);
            })
            .Catch<TopologyOpenResult, Exception>(error => Observable.Return(TopologyOpenResult.Failed(host, error)));
    }

    /// <summary>The writer open's candidates for one snapshot, kept so that opens by the same snapshot allocate no list.</summary>
    private sealed record WriterPlan(TopologySnapshot Snapshot, IReadOnlyList<HostSpec> Candidates);

    private sealed record ConnectorOfFactory(IHostConnectionFactory Connections, IFailoverConnector Connector);
}
