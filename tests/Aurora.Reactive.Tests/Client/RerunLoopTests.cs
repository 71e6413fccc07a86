using Aurora.Reactive.Client;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Client;

public sealed class RerunLoopTests
{
    private static readonly HostSpec Old = new("old", 5432, "instance-1");
    private static readonly HostSpec New = new("new", 5432, "instance-2");

    private readonly TestScheduler _scheduler = new();
    private readonly RecordingRerunListener _listener = new();
    private readonly List<TimeSpan> _attemptTimes = [];

    private static FailoverSuccessException Moved() => new(Old, New, new IOException("reset"));

    private static FailoverFailedException NoNode() => new(Old, new IOException("reset"), "no writer yet");

    private static RerunVerdict Judge(Exception error) => error switch
    {
        FailoverException { IsConnectionUsable: true } => RerunVerdict.RerunNow,
        FailoverFailedException => RerunVerdict.RerunAfterPause,
        _ => RerunVerdict.Fail,
    };

    private Task<int> Run(AuroraClientOptions options, Func<int, Task<int>> attempt, CancellationToken cancellationToken = default) =>
        new RerunLoop(_scheduler, options).RunAsync(
            (number, _) =>
            {
                _attemptTimes.Add(TimeSpan.FromTicks(_scheduler.Clock));
                return attempt(number);
            },
            Judge,
            _listener,
            cancellationToken);

    [Fact]
    public async Task RunAsync_FirstAttemptSucceeds_ReturnsItsResultAtOnce()
    {
        var task = Run(AuroraClientOptions.Default, _ => Task.FromResult(42));

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(42, await task);
        Assert.Empty(_listener.Interruptions);
        Assert.Empty(_listener.Recoveries);
    }

    [Fact]
    public async Task RunAsync_ConnectionMovedByFailover_RerunsAtOnceWithoutWaiting()
    {
        var task = Run(AuroraClientOptions.Default, n => n == 1 ? Task.FromException<int>(Moved()) : Task.FromResult(n));

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(2, await task);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], _attemptTimes);
        Assert.Equal((2, TimeSpan.Zero), Assert.Single(_listener.Recoveries));
    }

    [Fact]
    public async Task RunAsync_NoNodeYet_PausesDoublingFromRetryDelayUpToMaxRetryDelay()
    {
        var options = AuroraClientOptions.Default with { RetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(500) };
        var task = Run(options, n => n < 6 ? Task.FromException<int>(NoNode()) : Task.FromResult(n));

        _scheduler.AdvanceInline(TimeSpan.FromSeconds(10));

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(6, await task);
        Assert.Equal(new[] { 0, 100, 300, 700, 1200, 1700 }.Select(ms => TimeSpan.FromMilliseconds(ms)), _attemptTimes);
        Assert.Equal((6, TimeSpan.FromMilliseconds(1700)), Assert.Single(_listener.Recoveries));
    }

    [Fact]
    public async Task RunAsync_NoNodeYet_DoesNotRerunBeforeThePauseEnds()
    {
        var task = Run(AuroraClientOptions.Default, n => n == 1 ? Task.FromException<int>(NoNode()) : Task.FromResult(n));

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(99));
        Assert.False(task.IsCompleted);
        Assert.Single(_attemptTimes);

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1));
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(2, await task);
    }

    [Fact]
    public void RunAsync_BudgetSpent_ThrowsFailoverFailedWithTheLastInterruptionInside()
    {
        var options = AuroraClientOptions.Default with { MaxAttempts = 3 };
        FailoverSuccessException? last = null;
        var task = Run(options, _ => Task.FromException<int>(last = Moved()));

        var error = Assert.IsType<FailoverFailedException>(task.Exception!.InnerException);
        Assert.Same(last, error.InnerException);
        Assert.Contains("re-run budget of 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(Old, error.OldHost);
        Assert.Equal(3, _attemptTimes.Count);
        Assert.Equal(3, Assert.Single(_listener.GiveUps).Attempts);
    }

    [Fact]
    public void RunAsync_FailoverTimeoutPasses_GivesUpAtTheDeadlineCountedFromTheFirstInterruption()
    {
        var options = AuroraClientOptions.Default with
        {
            FailoverTimeout = TimeSpan.FromSeconds(1),
            RetryDelay = TimeSpan.FromMilliseconds(300),
            MaxRetryDelay = TimeSpan.FromMilliseconds(300),
            MaxAttempts = 100,
        };
        var task = Run(options, _ => Task.FromException<int>(NoNode()));

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(999));
        Assert.False(task.IsCompleted);

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1));
        var error = Assert.IsType<FailoverFailedException>(task.Exception!.InnerException);
        Assert.Contains("failover timeout of 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 0, 300, 600, 900 }.Select(ms => TimeSpan.FromMilliseconds(ms)), _attemptTimes);
    }

    [Fact]
    public void RunAsync_InterruptedAfterTheDeadline_DoesNotRerun()
    {
        var options = AuroraClientOptions.Default with { FailoverTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 100 };
        var task = Run(
            options,
            n => n switch
            {
                1 => Task.FromException<int>(NoNode()),
                2 => SlowThenMoved(),
                _ => Task.FromResult(n),
            });

        _scheduler.AdvanceInline(TimeSpan.FromSeconds(5));

        Assert.IsType<FailoverFailedException>(task.Exception!.InnerException);
        Assert.Equal(2, _attemptTimes.Count);
    }

    private async Task<int> SlowThenMoved()
    {
        await SchedulerDelayFor(TimeSpan.FromSeconds(2));
        throw Moved();
    }

    private Task SchedulerDelayFor(TimeSpan delay)
    {
        var done = new TaskCompletionSource();
        _scheduler.ScheduleRelative(0, delay.Ticks, (_, _) =>
        {
            done.SetResult();
            return System.Reactive.Disposables.Disposable.Empty;
        });
        return done.Task;
    }

    [Fact]
    public void RunAsync_ErrorThatIsNotAFailover_ReachesTheCallerAsTheSameObject()
    {
        var violation = new InvalidOperationException("duplicate key");
        var task = Run(AuroraClientOptions.Default, _ => Task.FromException<int>(violation));

        Assert.Same(violation, task.Exception!.InnerException);
        Assert.Single(_attemptTimes);
        Assert.Empty(_listener.GiveUps);
    }

    [Fact]
    public void RunAsync_CancelledDuringAPause_ThrowsOperationCanceledAndRunsNoMoreAttempts()
    {
        using var cancellation = new CancellationTokenSource();
        var task = Run(AuroraClientOptions.Default, _ => Task.FromException<int>(NoNode()), cancellation.Token);

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(50));
        VirtualTimeExtensions.Inline(cancellation.Cancel);
        _scheduler.AdvanceInline(TimeSpan.FromSeconds(10));

        Assert.True(task.IsCanceled);
        Assert.Single(_attemptTimes);
    }

    [Fact]
    public void RunAsync_CancelledBeforeStart_RunsNoAttempt()
    {
        var task = Run(AuroraClientOptions.Default, _ => Task.FromResult(1), new CancellationToken(canceled: true));

        Assert.True(task.IsCanceled);
        Assert.Empty(_attemptTimes);
    }

    [Fact]
    public async Task RunAsync_SecondInterruptionEpisode_GetsAFreshPauseAfterSuccessInAnotherCall()
    {
        var loop = new RerunLoop(_scheduler, AuroraClientOptions.Default);
        var first = loop.RunAsync((n, _) => n == 1 ? Task.FromException<int>(NoNode()) : Task.FromResult(n), Judge, null, CancellationToken.None);
        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(100));
        var started = _scheduler.Clock;
        var second = loop.RunAsync((n, _) => n == 1 ? Task.FromException<int>(NoNode()) : Task.FromResult(n), Judge, null, CancellationToken.None);

        _scheduler.AdvanceInline(TimeSpan.FromMilliseconds(100));

        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.Equal(2, await first);
        Assert.Equal(2, await second);
        Assert.Equal(TimeSpan.FromMilliseconds(100).Ticks, _scheduler.Clock - started);
    }
}
