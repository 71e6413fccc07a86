using System.Reactive.Concurrency;
using System.Reactive;
using System.Reactive.Linq;
using Aurora.Reactive.Testing.VirtualTime;
using static Aurora.Reactive.Testing.VirtualTime.Recorded;

namespace Aurora.Reactive.Tests.Testing.VirtualTime;

public sealed class TestSchedulerTests
{
    [Fact]
    public void Start_ColdObservable_PlaysRelativeToTheSubscription()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(10, 'a'), OnNext(30, 'b'), OnCompleted<char>(40));

        var observer = scheduler.Start(() => source);

        Assert.Equal([OnNext(210, 'a'), OnNext(230, 'b'), OnCompleted<char>(240)], observer.Messages);
        Assert.Equal([new Subscription(200, 1000)], source.Subscriptions);
    }

    [Fact]
    public void Start_HotObservable_PlaysAtAbsoluteTimesAndMissesWhatCameBeforeTheSubscription()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(150, 1), OnNext(210, 2), OnNext(300, 3), OnCompleted<int>(400));

        var observer = scheduler.Start(() => source);

        Assert.Equal([OnNext(210, 2), OnNext(300, 3), OnCompleted<int>(400)], observer.Messages);
        Assert.Equal([new Subscription(200, 1000)], source.Subscriptions);
    }

    [Fact]
    public void Start_ColdObservableSubscribedTwice_PlaysOncePerSubscriptionAndLogsBoth()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable(OnNext(10, 1), OnCompleted<int>(20));

        var observer = scheduler.Start(() => source.Concat(source));

        Assert.Equal([OnNext(210, 1), OnNext(230, 1), OnCompleted<int>(240)], observer.Messages);
        Assert.Equal([new Subscription(200, 220), new Subscription(220, 240)], source.Subscriptions);
    }

    [Fact]
    public void Start_DisposedBeforeLaterValues_StopsRecordingAndLogsTheUnsubscription()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(300, 1), OnNext(500, 2));

        var observer = scheduler.Start(() => source, disposed: 400);

        Assert.Equal([OnNext(300, 1)], observer.Messages);
        Assert.Equal([new Subscription(200, 400)], source.Subscriptions);
        Assert.Equal(400, scheduler.Clock);
    }

    [Fact]
    public void Start_TimerOperator_RunsOnVirtualTicks()
    {
        var scheduler = new TestScheduler();

        var observer = scheduler.Start(() => Observable.Timer(TimeSpan.FromTicks(300), scheduler));

        Assert.Equal([OnNext(500, 0L), OnCompleted<long>(500)], observer.Messages);
    }

    [Fact]
    public void Start_TimesOutOfOrder_ThrowsNamingTheTimes()
    {
        var scheduler = new TestScheduler();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Start(() => Observable.Never<int>(), 300, 200, 1000));

        Assert.Contains("created (300) <= subscribed (200)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleRelative_ZeroDelay_RunsAtTheSameInstantAfterWorkAlreadyQueued()
    {
        var scheduler = new TestScheduler();
        var log = new List<string>();
        scheduler.ScheduleAbsolute(0, 100, (s, _) =>
        {
            log.Add($"first@{scheduler.Clock}");
            return s.Schedule(() => log.Add($"now@{scheduler.Clock}"));
        });
        scheduler.ScheduleAbsolute(0, 100, (_, _) =>
        {
            log.Add($"second@{scheduler.Clock}");
            return System.Reactive.Disposables.Disposable.Empty;
        });

        scheduler.AdvanceTo(100);

        Assert.Equal(["first@100", "second@100", "now@100"], log);
    }

    [Fact]
    public void ScheduleAbsolute_TimeInThePast_RunsNowWithoutMovingTheClockBack()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(500);
        long? ranAt = null;

        scheduler.ScheduleAbsolute(0, 100, (_, _) =>
        {
            ranAt = scheduler.Clock;
            return System.Reactive.Disposables.Disposable.Empty;
        });
        scheduler.AdvanceBy(1);

        Assert.Equal(500, ranAt);
    }

    [Fact]
    public void AdvanceBy_OneSecond_MovesTheClockByTenMillionTicks()
    {
        var scheduler = new TestScheduler();

        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.TicksPerSecond, scheduler.Clock);
        Assert.Equal(new DateTimeOffset(TimeSpan.TicksPerSecond, TimeSpan.Zero), scheduler.Now);
    }

    [Fact]
    public void AdvanceBy_NegativeTime_ThrowsNamingTheTime()
    {
        var scheduler = new TestScheduler();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.AdvanceBy(TimeSpan.FromSeconds(-1)));

        Assert.Contains("-00:00:01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateObserver_RecordsEachNotificationWithTheClock()
    {
        var scheduler = new TestScheduler();
        var observer = scheduler.CreateObserver<int>();
        var error = new InvalidOperationException("boom");

        observer.OnNext(1);
        scheduler.AdvanceTo(50);
        observer.OnError(error);

        Assert.Equal([OnNext(0, 1), new Recorded<Notification<int>>(50, Notification.CreateOnError<int>(error))], observer.Messages);
    }
}
