using System.Diagnostics;
using System.Reactive.Concurrency;

namespace Aurora.Reactive.Scheduling;

/// <summary>
/// The builder's default clock: Rx's default scheduler runs the timers, but <see cref="Now"/> counts monotonic time
/// from one wall-clock reading, and a timer's action runs only once <see cref="Now"/> has reached its due time.
/// </summary>
/// <remarks>
/// Rx's <see cref="DefaultScheduler"/> reads <c>Now</c> from the wall clock and runs its timers on the runtime's coarse
/// monotonic tick, so a 2 s timer can fire a few milliseconds before <c>Now</c> says 2 s have passed (more while NTP
/// slews the wall clock of a machine just set up, and any amount when it steps it). Logic that waits for a delay and
/// then compares readings of <c>Now</c> (a policy's "failed less than the reconnect interval ago") then decides as
/// if it had not waited: the three-switchover failure of issue 12. Virtual time never fires early; this clock doesn't
/// either.
/// </remarks>
internal sealed class SystemClock : IScheduler
{
    private readonly IScheduler _timers;
    private readonly Func<TimeSpan> _elapsed;
    private readonly DateTimeOffset _origin;

    /// <param name="timers">Runs the timers.</param>
    /// <param name="elapsed">Monotonic time since <paramref name="origin"/>.</param>
    /// <param name="origin">What <see cref="Now"/> reads while <paramref name="elapsed"/> is zero.</param>
    internal SystemClock(IScheduler timers, Func<TimeSpan> elapsed, DateTimeOffset origin)
    {
        _timers = timers;
        _elapsed = elapsed;
        _origin = origin;
    }

    /// <summary>The one instance the builders default to.</summary>
    public static SystemClock Instance { get; } = Start();

    public DateTimeOffset Now => _origin + _elapsed();

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        _timers.Schedule((Clock: this, State: state, Action: action), static (_, s) => s.Action(s.Clock, s.State));

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, Now + Scheduler.Normalize(dueTime), action);

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        var timer = new DueTimer<TState>(this, state, dueTime, action);
        timer.Arm();
        return timer;
    }

    private static SystemClock Start()
    {
        var start = Stopwatch.GetTimestamp();
        return new SystemClock(DefaultScheduler.Instance, () => Stopwatch.GetElapsedTime(start), DateTimeOffset.UtcNow);
    }

    /// <summary>One scheduled action: re-armed for the rest of its delay whenever the timer fires before its due time.</summary>
    private sealed class DueTimer<TState>(SystemClock clock, TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) : IDisposable
    {
        private readonly Lock _gate = new();
        private IDisposable? _current;
        private long _issued;
        private long _currentGeneration;
        private bool _disposed;

        public void Arm()
        {
            var generation = Interlocked.Increment(ref _issued);
            var remaining = dueTime - clock.Now;
            Replace(
                generation,
                remaining > TimeSpan.Zero
                    ? clock._timers.Schedule(this, remaining, static (_, timer) => timer.Fire())
                    : clock._timers.Schedule(this, static (_, timer) => timer.Fire()));
        }

        public void Dispose()
        {
            IDisposable? current;
            lock (_gate)
            {
                _disposed = true;
                current = _current;
                _current = null;
            }

            current?.Dispose();
        }

        private IDisposable Fire()
        {
            if (clock.Now < dueTime)
            {
                Arm();
            }
            else
            {
                var generation = Interlocked.Increment(ref _issued);
                Replace(generation, action(clock, state));
            }

            return System.Reactive.Disposables.Disposable.Empty;
        }

        // A timer can fire (and re-arm) before the call that armed it has stored its handle: only the newest handle is kept.
        private void Replace(long generation, IDisposable next)
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    if (generation > _currentGeneration)
                    {
                        _current = next;
                        _currentGeneration = generation;
                    }

                    return;
                }
            }

            next.Dispose();
        }
    }
}
