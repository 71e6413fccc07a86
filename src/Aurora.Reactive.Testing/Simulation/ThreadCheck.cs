using System.Collections.Concurrent;
using System.Reactive.Concurrency;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// Records every use of a simulated cluster from a thread other than the one that drives it: a call of the clock's
/// <see cref="IScheduler"/> (as the data source sees it) or of the simulated driver. Each stack names a hop that left
/// the driving thread; a deterministic run has none.
/// </summary>
internal sealed class ThreadCheck
{
    private readonly ConcurrentDictionary<string, int> _stacks = new();
    private int _drivingThread = Environment.CurrentManagedThreadId;

    /// <summary>The distinct stacks seen off the driving thread, with how often each was seen.</summary>
    public IReadOnlyDictionary<string, int> OffThreadStacks => _stacks;

    /// <summary>Makes the calling thread the driving one (the clock is driven from it from now on).</summary>
    public void DriveFromHere() => _drivingThread = Environment.CurrentManagedThreadId;

    public void Check(string what)
    {
        if (Environment.CurrentManagedThreadId != _drivingThread)
        {
            _stacks.AddOrUpdate(what + Environment.NewLine + Environment.StackTrace, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The scheduler the data source is given: <paramref name="clock"/>, checked.</summary>
    public IScheduler Wrap(IScheduler clock) => new CheckedScheduler(clock, this);

    private sealed class CheckedScheduler(IScheduler clock, ThreadCheck check) : IScheduler
    {
        public DateTimeOffset Now
        {
            get
            {
                check.Check("IScheduler.Now");
                return clock.Now;
            }
        }

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            check.Check("IScheduler.Schedule");
            return clock.Schedule(state, (_, s) => action(this, s));
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
        {
            check.Check("IScheduler.Schedule(TimeSpan)");
            return clock.Schedule(state, dueTime, (_, s) => action(this, s));
        }

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
        {
            check.Check("IScheduler.Schedule(DateTimeOffset)");
            return clock.Schedule(state, dueTime, (_, s) => action(this, s));
        }
    }
}
