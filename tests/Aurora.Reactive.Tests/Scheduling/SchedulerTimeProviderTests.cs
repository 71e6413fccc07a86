using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Tests.Scheduling;

public sealed class SchedulerTimeProviderTests
{
    [Fact]
    public void WaitAsync_TimesOutAtItsDueVirtualTimeAndNotBefore()
    {
        var scheduler = new TestScheduler();
        var clock = new SchedulerTimeProvider(scheduler);
        var wait = new TaskCompletionSource().Task.WaitAsync(TimeSpan.FromSeconds(2), clock);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.False(wait.IsCompleted);
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));

        Assert.IsType<TimeoutException>(Assert.Throws<AggregateException>(() => wait.Wait(0)).InnerException);
    }

    [Fact]
    public void WaitAsync_TaskEndsFirst_NoTimerLeftOnTheScheduler()
    {
        var scheduler = new TestScheduler();
        var clock = new SchedulerTimeProvider(scheduler);
        var work = new TaskCompletionSource();
        var wait = work.Task.WaitAsync(TimeSpan.FromSeconds(2), clock);

        work.SetResult();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void Timer_PeriodicAndChanged_FiresOnTheSchedulersTimes()
    {
        var scheduler = new TestScheduler();
        var clock = new SchedulerTimeProvider(scheduler);
        var fired = new List<long>();
        using var timer = clock.CreateTimer(_ => fired.Add(scheduler.Clock), null, TimeSpan.FromTicks(100), TimeSpan.FromTicks(50));

        scheduler.AdvanceTo(220);
        Assert.Equal([100L, 150, 200], fired);

        Assert.True(timer.Change(TimeSpan.FromTicks(30), Timeout.InfiniteTimeSpan));
        scheduler.AdvanceTo(400);
        Assert.Equal([100L, 150, 200, 250], fired);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromTicks(10), TimeSpan.Zero);
        timer.Dispose();
        scheduler.AdvanceTo(1000);
        Assert.Equal([100L, 150, 200, 250], fired);
    }

    [Fact]
    public void Now_AndTimestamps_AreTheSchedulersClock()
    {
        var scheduler = new TestScheduler();
        var clock = new SchedulerTimeProvider(scheduler);
        var start = clock.GetTimestamp();

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(scheduler.Now, clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(start));
    }
}
