using System.Reactive.Concurrency;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>
/// A virtual-time scheduler that counts what was scheduled on it, so that a test can wait until a command
/// running on another thread has started its watch before moving the clock.
/// </summary>
internal sealed class CountingScheduler(DateTimeOffset origin) : HistoricalScheduler(origin)
{
    private int _scheduled;

    public int Scheduled => Volatile.Read(ref _scheduled);

    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        var scheduled = base.ScheduleAbsolute(state, dueTime, action);
        Interlocked.Increment(ref _scheduled);
        return scheduled;
    }

    /// <summary>Waits (spinning, not sleeping) until more than <paramref name="before"/> items were scheduled.</summary>
    public void WaitForScheduled(int before)
    {
        if (!SpinWait.SpinUntil(() => Scheduled > before, TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("Nothing was scheduled: the command did not start its watch.");
        }
    }
}
