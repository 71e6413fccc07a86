using System.Reactive.Concurrency;
using System.Reactive;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Aurora.Reactive.Monitoring;

/// <summary>The probe loop: runs while at least one command window is open.</summary>
internal sealed partial class HostMonitor
{
    private readonly SerialDisposable _probeLoop = new();
    private readonly CompositeDisposable _probesInFlight = new();
    private int _openWindows;
    private long _probesStarted;
    private Exception? _lastProbeError;

    /// <summary>Whether the monitor is probing now (at least one command's detection window is open).</summary>
    public bool IsProbing
    {
        get
        {
            lock (_gate)
            {
                return _openWindows > 0 && !_disposed;
            }
        }
    }

    /// <summary>How many probes this monitor has started.</summary>
    public long ProbesStarted => Interlocked.Read(ref _probesStarted);

    /// <summary>Holds the probe loop running; the first hold starts it with a probe at once.</summary>
    private IDisposable HoldProbing()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return Disposable.Empty;
            }

            if (_openWindows++ == 0)
            {
                // The grid of probes is anchored where the first probe runs, which a scheduler may do a little
                // after "now" (Microsoft.Reactive.Testing's TestScheduler, one tick; a real one, its latency): a
                // probe timeout equal to the interval then falls due together with the next probe, and runs
                // before it (it was scheduled first), so a host declared dead by it gets no further probe.
                _probeLoop.Disposable = _scheduler.Schedule(
                    (Next: 1L, Start: default(DateTimeOffset)),
                    _scheduler.Now,
                    (loop, recurse) =>
                    {
                        var start = loop.Next == 1 ? _scheduler.Now : loop.Start;
                        StartProbe();
                        recurse((loop.Next + 1, start), start + TimeSpan.FromTicks(Settings.Interval.Ticks * loop.Next));
                    });
            }
        }

        return Disposable.Create(ReleaseProbing);
    }

    /// <remarks>A probe already in flight is left to finish (it is bounded), so that its answer still updates the health.</remarks>
    private void ReleaseProbing()
    {
        lock (_gate)
        {
            if (!_disposed && --_openWindows == 0)
            {
                _probeLoop.Disposable = null;
            }
        }
    }

    private void StartProbe()
    {
        var subscription = new SingleAssignmentDisposable();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _probesInFlight.Add(subscription);
            Interlocked.Increment(ref _probesStarted);
        }

        subscription.Disposable = BoundedProbe().Subscribe(result =>
        {
            _probesInFlight.Remove(subscription);
            OnProbeCompleted(result);
        });
    }

    /// <summary>
    /// One probe, timed on the scheduler and bounded by the probe timeout; it always ends with exactly one
    /// result, whether the prober answers, fails, throws, or never answers.
    /// </summary>
    private IObservable<ProbeResult> BoundedProbe() => Observable.Defer(() =>
    {
        var startedAt = _scheduler.Now;
        var timeout = Settings.ProbeTimeout;
        var answered = ProberCall(timeout)
            .LastOrDefaultAsync()
            .Select(_ => Result(ProbeOutcome.Answered, startedAt, null))
            .Catch((Exception error) => Observable.Return(Result(
                _scheduler.Now - startedAt >= timeout ? ProbeOutcome.TimedOut : ProbeOutcome.Failed, startedAt, error)));
        var timedOut = Observable.Defer(() => Observable.Return(Result(ProbeOutcome.TimedOut, startedAt, ProbeTimeout.Exception(Host, timeout))));
        return answered.Timeout(timeout, timedOut, _scheduler);
    });

    private IObservable<Unit> ProberCall(TimeSpan timeout) => Observable.Create<Unit>(observer =>
    {
        try
        {
            return _prober.Probe(Host, timeout).Subscribe(observer);
        }
#pragma warning disable CA1031 // A prober that throws has failed this probe, not the monitor.
        catch (Exception error)
#pragma warning restore CA1031
        {
            observer.OnError(error);
            return Disposable.Empty;
        }
    });

    private ProbeResult Result(ProbeOutcome outcome, DateTimeOffset startedAt, Exception? error) =>
        new(Host, outcome, startedAt, _scheduler.Now - startedAt, error);

    private void OnProbeCompleted(ProbeResult result)
    {
        using (_outbox.Enter())
        {
            if (_disposed)
            {
                return;
            }

            _current = _current.After(result, Settings.Count);
            _lastProbeError = result.Error;
            _probes.Publish(result);
            _health.Publish(_current);
        }
    }
}
