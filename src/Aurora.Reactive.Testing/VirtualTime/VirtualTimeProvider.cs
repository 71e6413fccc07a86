using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>
/// A <see cref="System.TimeProvider"/> on the clock of a <see cref="TestScheduler"/> (Microsoft.Reactive.Testing), so code written against
/// <see cref="System.TimeProvider"/> (timers, <c>Task.Delay(TimeSpan, TimeProvider)</c>,
/// <c>new CancellationTokenSource(TimeSpan, TimeProvider)</c>) runs in virtual time.
/// </summary>
/// <remarks>
/// <para>Get one with <c>scheduler.TimeProvider</c> (<see cref="TestSchedulerExtensions"/>) or this constructor.
/// Timer callbacks run synchronously inside the scheduler's <c>AdvanceBy</c>/<c>AdvanceTo</c>/<c>Start</c>,
/// at their due virtual time; a zero due time fires one tick later, as that scheduler runs work scheduled
/// for "now" one tick later. A delay task completes there, and a token source is cancelled there
/// (its registrations run there too).</para>
/// <para>Limits: the task of <c>Task.Delay</c> completes inside the advance, but the code after an
/// <c>await</c> of it does not run there: the runtime queues that continuation to the thread pool (as
/// observed on .NET 10, even with <c>ConfigureAwait(false)</c>), so an async method does not run to its
/// end inside one <c>AdvanceBy</c>, and the clock does not wait for it. A continuation after a real
/// <c>await</c> of real I/O (sockets, files, databases) likewise runs in real time, outside virtual
/// time. Test timing logic written as Rx operators on the scheduler, or as timer callbacks and token
/// registrations (those run inside the advance); keep the real I/O at the edges. Like the scheduler,
/// this provider is not thread-safe: use it from the thread that advances the clock.</para>
/// <para><see cref="GetTimestamp"/> is the clock in ticks (frequency 10,000,000 per second), and the
/// local time zone is UTC.</para>
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>Creates a provider on <paramref name="scheduler"/>'s clock.</summary>
    /// <param name="scheduler">The virtual-time scheduler.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is <see langword="null"/>.</exception>
    public VirtualTimeProvider(TestScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
    }

    /// <summary>The scheduler whose clock this provider reads.</summary>
    public TestScheduler Scheduler { get; }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Scheduler.Now;

    /// <inheritdoc/>
    public override long GetTimestamp() => Scheduler.Clock;

    /// <summary>Creates a timer whose callback runs on the virtual clock.</summary>
    /// <param name="callback">Invoked at each due time, inside the scheduler's advance.</param>
    /// <param name="state">Passed to the callback.</param>
    /// <param name="dueTime">Delay before the first call; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="period">Interval between calls; <see cref="Timeout.InfiniteTimeSpan"/> or zero for one call.</param>
    /// <returns>The timer; dispose it to stop it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(Scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}
