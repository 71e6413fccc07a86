using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Aurora.Reactive.Monitoring;

/// <summary>Per-command watching: users, detection windows and verdicts.</summary>
internal sealed partial class HostMonitor
{
    private int _users;
    private DateTimeOffset _idleSince;
    private bool _disposalScheduled;

    /// <summary>How many commands are watched now (in their grace period or with an open window).</summary>
    public int UserCount
    {
        get
        {
            lock (_gate)
            {
                return _users;
            }
        }
    }

    /// <summary>
    /// Watches one command that started at <paramref name="commandStartedAt"/>: emits once, then completes,
    /// when the host is dead for that command; never emits while the host keeps answering. Subscribe when
    /// the command starts and dispose the subscription when it ends: a command that ends before its window
    /// opens (start + <see cref="FailureDetectionSettings.Time"/>) causes no probe. The subscription holds
    /// the monitor alive; the monitor disposes itself <see cref="FailureDetectionSettings.DisposalDelay"/>
    /// after its last user left. Completes without a verdict if the monitor is disposed.
    /// </summary>
    /// <param name="commandStartedAt">When the command started (t0), in the monitor's scheduler time.</param>
    /// <returns>The verdict, at most once. Fails with <see cref="ObjectDisposedException"/> when subscribed to after the monitor was disposed.</returns>
    public IObservable<HostDeclaredDead> WatchCommand(DateTimeOffset commandStartedAt) =>
        Observable.Create<HostDeclaredDead>(observer =>
        {
            if (!TryAcquireUser(out var user))
            {
                _outbox.Post(() => observer.OnError(new ObjectDisposedException(nameof(HostMonitor), $"The monitor of host {Host.Endpoint} was disposed.")));
                _outbox.Drain();
                return Disposable.Empty;
            }

            var watch = Detect(commandStartedAt).Subscribe(observer);
            return new CompositeDisposable(watch, user);
        });

    /// <summary>Watches a command that starts now (when subscribed to); see <see cref="WatchCommand(DateTimeOffset)"/>.</summary>
    /// <returns>The verdict, at most once.</returns>
    public IObservable<HostDeclaredDead> WatchCommand() => Observable.Defer(() => WatchCommand(_scheduler.Now));

    /// <summary>Counts a user; <see langword="false"/> once the monitor is disposed.</summary>
    internal bool TryAcquireUser(out IDisposable user)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                user = Disposable.Empty;
                return false;
            }

            // A pending disposal timer is left to fire: it finds a user and stands down. Cancelling and
            // rescheduling it for every command would cost a timer per command.
            _users++;
        }

        user = Disposable.Create(ReleaseUser);
        return true;
    }

    /// <summary>The verdict for one command, without counting it as a user.</summary>
    internal IObservable<HostDeclaredDead> Detect(DateTimeOffset commandStartedAt)
    {
        var windowOpensAt = commandStartedAt + Settings.Time;
        return Observable.Create<HostDeclaredDead>(observer =>
        {
            // One relative timer per command and no operator chain: this runs for every command. (Rx's default
            // scheduler keeps absolute-time work in a shared queue that is slow to cancel from.)
            // A command still running one probe timeout before its window opens has the prober warm up first, so the
            // window's first probe does not pay for opening the monitoring connection (a healthy node under load once
            // took longer than a 1 s probe timeout to open one, which with a count of 1 is a false verdict).
            var window = new SerialDisposable();
            var opening = new SingleAssignmentDisposable();
            void OpenWindow() => window.Disposable = InWindow(commandStartedAt, windowOpensAt).Subscribe(observer);
            var warmAt = windowOpensAt - Settings.ProbeTimeout;
            var timer = _prober is IWarmableProber warmable && warmAt > _scheduler.Now
                ? _scheduler.Schedule(warmAt - _scheduler.Now, () =>
                {
                    if (!_disposed)
                    {
                        warmable.Warm(Host);
                    }

                    opening.Disposable = _scheduler.Schedule(Max(windowOpensAt - _scheduler.Now, TimeSpan.Zero), OpenWindow);
                })
                : _scheduler.Schedule(Max(windowOpensAt - _scheduler.Now, TimeSpan.Zero), OpenWindow);
            return StableCompositeDisposable.Create(timer, opening, window);
        });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private IObservable<HostDeclaredDead> InWindow(DateTimeOffset commandStartedAt, DateTimeOffset windowOpensAt) =>
        Observable.Create<HostDeclaredDead>(observer =>
        {
            // A real timer may fire a little before its due time by the scheduler's clock; the probe it
            // starts must still count, so the window opens at the earlier of the two.
            var countFrom = _scheduler.Now < windowOpensAt ? _scheduler.Now : windowOpensAt;
            using (_outbox.Enter())
            {
                if (_disposed)
                {
                    _outbox.Post(observer.OnCompleted);
                    return Disposable.Empty;
                }

                if (_current.Status == HostHealthStatus.Unhealthy && _current.Time >= windowOpensAt - Settings.Interval)
                {
                    var shared = new HostDeclaredDead(Host, commandStartedAt, windowOpensAt, _scheduler.Now, 0, FromSharedHealth: true, _lastProbeError);
                    _outbox.Post(() =>
                    {
                        observer.OnNext(shared);
                        observer.OnCompleted();
                    });
                    return Disposable.Empty;
                }

                var verdict = _probes
                    .WhenDead(countFrom, Settings.Count)
                    .Select(last => new HostDeclaredDead(Host, commandStartedAt, windowOpensAt, last.CompletedAt, Settings.Count, FromSharedHealth: false, last.Error))
                    .Subscribe(observer);
                return new CompositeDisposable(verdict, HoldProbing());
            }
        });

    private void ReleaseUser()
    {
        lock (_gate)
        {
            if (_disposed || --_users > 0)
            {
                return;
            }

            _idleSince = _scheduler.Now;
            if (!_disposalScheduled)
            {
                _disposalScheduled = true;
                _disposalTimer.Disposable = _scheduler.Schedule(Settings.DisposalDelay, DisposeIfStillIdle);
            }
        }
    }

    /// <remarks>Disposes the monitor exactly <see cref="FailureDetectionSettings.DisposalDelay"/> after the last user left, rescheduling itself when users came and went since it was set.</remarks>
    private void DisposeIfStillIdle()
    {
        lock (_gate)
        {
            _disposalScheduled = false;
            if (_disposed || _users > 0)
            {
                return;
            }

            var remaining = _idleSince + Settings.DisposalDelay - _scheduler.Now;
            if (remaining > TimeSpan.Zero)
            {
                _disposalScheduled = true;
                _disposalTimer.Disposable = _scheduler.Schedule(remaining, DisposeIfStillIdle);
                return;
            }

            _disposed = true;
        }

        ShutDown();
    }
}
