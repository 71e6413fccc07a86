using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>One refresh: read the topology through the monitoring node, or probe every node when it is lost.</summary>
internal sealed partial class TopologyMonitor
{
    private void Tick()
    {
        using (EnterGate())
        {
            if (_disposed || _busy)
            {
                return;
            }

            if (!_client.SupportsTopologyQuery || _via is null || _probeNext)
            {
                _probeNext = false;
                _hedgeNextRead = false; // probing asks every node anyway
                StartProbe();
            }
            else
            {
                StartRead(_via);
            }
        }
    }

    private void StartRead(HostSpec via)
    {
        var generation = BeginOperation();
        var operation = new CompositeDisposable();
        _operation.Disposable = operation;
        _unhedgedRead = (generation, via, operation);
        var hedgeAtOnce = _hedgeNextRead;
        _hedgeNextRead = false;
        if (hedgeAtOnce)
        {
            StartHedge(generation, via, operation);
        }
        else if (_options.ReadHedgeDelay is { } hedgeDelay)
        {
            operation.Add(_scheduler.Schedule(hedgeDelay, () => StartHedge(generation, via, operation)));
        }

        var read = new SingleAssignmentDisposable();
        operation.Add(read);
        read.Disposable = Bounded(() => _client.ReadTopology(via), via).Subscribe(
            result => OnReadSucceeded(generation, via, result),
            error => OnReadFailed(generation, via, error));
    }

    // The read through the monitoring node is late: ask the other nodes their role meanwhile. The first that confirms
    // being the writer ends this operation (the read included) and the topology is read through it.
    private void StartHedge(long generation, HostSpec via, CompositeDisposable operation)
    {
        using (EnterGate())
        {
            if (_disposed || !_busy || generation != _generation || _unhedgedRead is not { } unhedged || unhedged.Generation != generation)
            {
                return;
            }

            _unhedgedRead = null;
            var others = KnownHosts().Where(h => NodeId.At(h) != NodeId.At(via)).ToList();
            if (others.Count == 0)
            {
                return;
            }

            Report(TopologyMonitorEventKind.ProbingAllNodes,
                $"{via.Endpoint} has not answered the topology read yet (a node's statement stalls, or the read outlived the hedge delay); asking {string.Join(", ", others.Select(h => h.Endpoint))} their role meanwhile.");
            var answers = new List<ProbeAnswer>();
            var hedge = new SingleAssignmentDisposable();
            operation.Add(hedge);
            SubscribeOutsideGate(hedge, () => others.Select(ProbeUntilRoundEnds).Merge()
                .TakeUntil(Observable.Timer(_options.OperationTimeout, _scheduler))
                .Subscribe(answer => OnProbeAnswer(generation, answers, answer)));
        }
    }

    private void OnReadSucceeded(long generation, HostSpec via, TopologyReadResult result)
    {
        using (EnterGate())
        {
            if (!EndOperation(generation, via))
            {
                return;
            }

            _operation.Disposable = Disposable.Empty; // stops a hedge still asking the other nodes
            _failures = 0;
            ReportRejectedRows(via, result.RejectedRows);

            var snapshot = ApplyConfirmedWriter(via, result.Snapshot);
            Accept(snapshot);
            if (!snapshot.IsWriterKnown)
            {
                _probeNext = true;
            }

            ScheduleNext(failed: false);
        }
    }

    private void OnReadFailed(long generation, HostSpec via, Exception error)
    {
        using (EnterGate())
        {
            if (!EndOperation(generation, via, succeeded: false))
            {
                return;
            }

            _operation.Disposable = Disposable.Empty;
            _failures++;
            _via = null;
            _confirmedWriter = null;
            Report(TopologyMonitorEventKind.Error, $"Reading the topology through {via.Endpoint} failed: {error.Message}", via, error);
            ScheduleNext(failed: true);
        }
    }

    // A writer that confirmed its role itself is trusted over a topology that has not caught up with the
    // promotion yet (Aurora's control plane lags it); the trust ends once the topology agrees.
    private TopologySnapshot ApplyConfirmedWriter(HostSpec via, TopologySnapshot snapshot)
    {
        if (_confirmedWriter is not { } confirmed || NodeId.At(via) != NodeId.At(confirmed))
        {
            return snapshot;
        }

        if (snapshot.Writer is { } writer && writer.Node == confirmed.Node)
        {
            _confirmedWriter = null;
            return snapshot;
        }

        var readers = snapshot.Readers.Where(r => r.Node != confirmed.Node).ToArray();
        return new TopologySnapshot(confirmed, readers, snapshot.ReadAt, snapshot.ReadFrom);
    }

    // The same rows rejected on every fast refresh are reported once, until the set of rejected ids changes.
    private void ReportRejectedRows(HostSpec via, IReadOnlyList<RejectedTopologyRow> rejectedRows)
    {
        var key = string.Join("|", rejectedRows.Select(r => r.Row.InstanceId));
        if (key == _lastRejectedKey)
        {
            return;
        }

        _lastRejectedKey = key;
        foreach (var rejected in rejectedRows)
        {
            Report(TopologyMonitorEventKind.RowRejected, rejected.Reason, host: via);
        }
    }

    private long BeginOperation()
    {
        _busy = true;
        _operationStartedAt = _scheduler.Now;
        _operationFast = _mode == TopologyRefreshMode.Fast;
        return ++_generation;
    }

    /// <summary>Ends the operation of <paramref name="generation"/> unless a newer one replaced it; a fast-mode one leaves a span.</summary>
    private bool EndOperation(long generation, HostSpec? via = null, bool succeeded = true)
    {
        if (_disposed || !_busy || generation != _generation)
        {
            return false;
        }

        _busy = false;
        if (_operationFast)
        {
            var (startedAt, endedAt) = (_operationStartedAt, _scheduler.Now);
            _outbox.Post(() => Telemetry.TopologyRefreshed(via, startedAt, endedAt, succeeded));
        }

        return true;
    }

    private IObservable<T> Bounded<T>(Func<IObservable<T>> operation, HostSpec host) =>
        Observable.Defer(operation)
            .Timeout(
                _options.OperationTimeout,
                Observable.Throw<T>(new TimeoutException($"{host.Endpoint} did not answer within {_options.OperationTimeout.TotalMilliseconds:0} ms.")),
                _scheduler)
            .Take(1)
            .Concat(Observable.Defer(() => Observable.Throw<T>(new InvalidOperationException($"{host.Endpoint} completed without an answer."))))
            .Take(1);
}
