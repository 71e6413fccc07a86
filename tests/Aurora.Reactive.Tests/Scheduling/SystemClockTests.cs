using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Tests.Scheduling;

public sealed class SystemClockTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Timers on <paramref name="timers"/>; the clock's own monotonic reading runs <paramref name="lagPerSecond"/> behind
    /// them, as the system clock's readings do behind a coarse timer tick that fires early.
    /// </summary>
    private static SystemClock Clock(TestScheduler timers, double lagPerSecond = 0) =>
        new(timers, () => TimeSpan.FromTicks((long)(timers.Clock * (1 - lagPerSecond))), Origin);

    [Fact]
    public void Now_IsTheOriginPlusTheMonotonicTimeElapsed()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers);

        timers.AdvanceBy(TimeSpan.FromMilliseconds(1500).Ticks);

        Assert.Equal(Origin + TimeSpan.FromMilliseconds(1500), clock.Now);
    }

    [Fact]
    public void Schedule_TimerFiresBeforeNowReachesItsDueTime_TheActionWaitsUntilNowDoes()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers, lagPerSecond: 0.001);
        var ranAt = new List<DateTimeOffset>();

        clock.Schedule(TimeSpan.FromSeconds(2), () => ranAt.Add(clock.Now));
        timers.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        Assert.Empty(ranAt);
        timers.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);

        var only = Assert.Single(ranAt);
        Assert.True(only >= Origin + TimeSpan.FromSeconds(2), $"ran at {only:O}, before its due time");
    }

    [Fact]
    public void Schedule_AtAnAbsoluteTime_RunsWhenNowReachesIt()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers);
        var ranAt = new List<DateTimeOffset>();

        clock.Schedule(Origin + TimeSpan.FromSeconds(3), () => ranAt.Add(clock.Now));
        timers.AdvanceBy(TimeSpan.FromSeconds(3).Ticks - 1);
        Assert.Empty(ranAt);
        timers.AdvanceBy(1);

        Assert.Equal([Origin + TimeSpan.FromSeconds(3)], ranAt);
    }

    [Fact]
    public void Dispose_AfterTheTimerWasReArmed_TheActionNeverRuns()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers, lagPerSecond: 0.001);
        var ran = false;

        var timer = clock.Schedule(TimeSpan.FromSeconds(2), () => ran = true);
        timers.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        timer.Dispose();
        timers.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.False(ran);
    }

    [Fact]
    public void Dispose_AfterTheActionRan_DisposesWhatTheActionReturned()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers);
        var returned = new BooleanDisposable();

        var timer = clock.Schedule(0, TimeSpan.FromSeconds(1), (_, _) => returned);
        timers.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.False(returned.IsDisposed);
        timer.Dispose();

        Assert.True(returned.IsDisposed);
    }

    [Fact]
    public void Schedule_Recursive_EachStepRunsOnThisClock()
    {
        var timers = new TestScheduler();
        var clock = Clock(timers, lagPerSecond: 0.001);
        var ranAt = new List<DateTimeOffset>();

        clock.Schedule(TimeSpan.FromSeconds(1), self =>
        {
            ranAt.Add(clock.Now);
            if (ranAt.Count < 3)
            {
                self(TimeSpan.FromSeconds(1));
            }
        });
        timers.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        Assert.Equal(3, ranAt.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(ranAt[i] >= Origin + TimeSpan.FromSeconds(i + 1), $"step {i + 1} ran at {ranAt[i]:O}");
        }
    }
}
