using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Testing.VirtualTime;

public sealed class VirtualTimeProviderTests
{
    [Fact]
    public void TaskDelay_OnTheVirtualClock_CompletesExactlyAtItsDueTime()
    {
        var scheduler = new TestScheduler();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), scheduler.TimeProvider);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var completedEarly = delay.IsCompleted;
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));

        Assert.False(completedEarly);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void CancellationTokenSource_WithVirtualTimeout_CancelsInsideTheAdvance()
    {
        var scheduler = new TestScheduler();
        using var source = new CancellationTokenSource(TimeSpan.FromSeconds(300), scheduler.TimeProvider);
        long? cancelledAt = null;
        source.Token.Register(() => cancelledAt = scheduler.Clock);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(299));
        var cancelledEarly = source.IsCancellationRequested;
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.False(cancelledEarly);
        Assert.Equal(TimeSpan.FromSeconds(300).Ticks, cancelledAt);
    }

    [Fact]
    public void TaskDelay_TokenWithShorterVirtualTimeout_IsCancelledAtTheTimeout()
    {
        var scheduler = new TestScheduler();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), scheduler.TimeProvider);
        var delay = Task.Delay(TimeSpan.FromSeconds(10), scheduler.TimeProvider, timeout.Token);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));

        Assert.True(delay.IsCanceled);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtDueTimeThenEveryPeriod()
    {
        var scheduler = new TestScheduler();
        var fired = new List<long>();

        using var timer = scheduler.TimeProvider.CreateTimer(_ => fired.Add(scheduler.Clock), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(6));

        Assert.Equal([1, 3, 5], fired.Select(t => t / TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void Change_OnArmedTimer_ReplacesTheSchedule()
    {
        var scheduler = new TestScheduler();
        var fired = new List<long>();
        using var timer = scheduler.TimeProvider.CreateTimer(_ => fired.Add(scheduler.Clock), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        var changed = timer.Change(TimeSpan.FromSeconds(4), Timeout.InfiniteTimeSpan);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        Assert.True(changed);
        Assert.Equal([4L], fired.Select(t => t / TimeSpan.TicksPerSecond));
    }

    [Fact]
    public void Dispose_PeriodicTimer_StopsItAndLaterChangeReturnsFalse()
    {
        var scheduler = new TestScheduler();
        var count = 0;
        var timer = scheduler.TimeProvider.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));
        timer.Dispose();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5));

        Assert.Equal(2, count);
        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void CreateTimer_InfiniteDueTime_NeverFires()
    {
        var scheduler = new TestScheduler();
        var count = 0;

        using var timer = scheduler.TimeProvider.CreateTimer(_ => count++, null, Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));
        scheduler.AdvanceBy(TimeSpan.FromMinutes(1));

        Assert.Equal(0, count);
    }

    [Fact]
    public void CreateTimer_NegativeDueTime_ThrowsNamingTheArgument()
    {
        var scheduler = new TestScheduler();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            scheduler.TimeProvider.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));

        Assert.Equal("dueTime", error.ParamName);
    }

    [Fact]
    public void GetUtcNowAndElapsedTime_FollowTheVirtualClock()
    {
        var scheduler = new TestScheduler();
        var provider = scheduler.TimeProvider;
        var start = provider.GetTimestamp();

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), provider.GetElapsedTime(start));
        Assert.Equal(scheduler.Now, provider.GetUtcNow());
        Assert.Equal(TimeZoneInfo.Utc, provider.LocalTimeZone);
    }

    [Fact]
    public void TimeProvider_ReadTwice_IsOneProviderOnThatScheduler()
    {
        var scheduler = new TestScheduler();

        var provider = scheduler.TimeProvider;

        Assert.Same(provider, scheduler.TimeProvider);
        Assert.Same(scheduler, provider.Scheduler);
        Assert.NotSame(provider, new TestScheduler().TimeProvider);
    }
}
