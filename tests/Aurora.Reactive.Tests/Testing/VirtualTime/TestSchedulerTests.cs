using System.Reactive.Concurrency;
using System.Reactive;
using System.Reactive.Linq;
using Aurora.Reactive.Testing.VirtualTime;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Aurora.Reactive.Tests.Testing.VirtualTime;

/// <summary>
/// Pins the conventions of Microsoft.Reactive.Testing's <see cref="TestScheduler"/> that the marble kit and
/// these tests rely on (a package update that changes one fails here first), and this kit's
/// <c>AdvanceBy(TimeSpan)</c>.
/// </summary>
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
    public void Start_DisposedBeforeLaterValues_StopsRecordingAndStillRunsTheQueueEmpty()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(OnNext(300, 1), OnNext(500, 2));

        var observer = scheduler.Start(() => source, disposed: 400);

        Assert.Equal([OnNext(300, 1)], observer.Messages);
        Assert.Equal([new Subscription(200, 400)], source.Subscriptions);
        Assert.Equal(500, scheduler.Clock);
    }

    [Fact]
    public void Start_TimerOperator_RunsOnVirtualTicks()
    {
        var scheduler = new TestScheduler();

        var observer = scheduler.Start(() => Observable.Timer(TimeSpan.FromTicks(300), scheduler));

        Assert.Equal([OnNext(500, 0L), OnCompleted<long>(500)], observer.Messages);
    }

    [Fact]
    public void Start_DefaultTimes_AreThoseOfReactiveTest()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateColdObservable<int>();

        scheduler.Start(() => source);

        Assert.Equal([new Subscription(ReactiveTest.Subscribed, ReactiveTest.Disposed)], source.Subscriptions);
        Assert.Equal((100, 200, 1000), (ReactiveTest.Created, ReactiveTest.Subscribed, ReactiveTest.Disposed));
    }

    [Fact]
    public void ScheduleRelative_ZeroDelay_RunsOneTickLaterAfterWorkAlreadyQueued()
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

        scheduler.AdvanceTo(101);

        Assert.Equal(["first@100", "second@100", "now@101"], log);
    }

    [Fact]
    public void ScheduleAbsolute_TimeInThePast_RunsOneTickAfterTheClockWithoutMovingItBack()
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

        Assert.Equal(501, ranAt);
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
