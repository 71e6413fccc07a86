using System.Reactive;
using System.Reactive.Concurrency;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>
/// A virtual-time scheduler for tests: time moves only when the test advances it, and a scenario of
/// minutes replays in milliseconds, deterministically.
/// </summary>
/// <remarks>
/// <para>Time unit: one clock unit is one <see cref="TimeSpan"/> tick (100 ns), as in Rx.NET; so
/// <c>ScheduleRelative(TimeSpan.FromSeconds(1))</c> is due 10,000,000 ticks later. <see cref="IScheduler.Now"/>
/// is <c>new DateTimeOffset(Clock, TimeSpan.Zero)</c>: the clock starts at 0001-01-01 00:00 UTC.</para>
/// <para>Work scheduled "now" (zero or negative delay, or an absolute time not after <see cref="VirtualTimeSchedulerBase{TAbsolute, TRelative}.Clock"/>)
/// runs at the current instant, without moving the clock, after the work already queued for that
/// instant (first in, first out). Work that keeps rescheduling itself "now" therefore never lets the
/// clock move on. Advancing by zero (or to the current clock) runs nothing, as in Rx.NET: advance by at
/// least one tick to run work due now.</para>
/// <para>Not thread-safe: schedule and advance from the test's thread. <see cref="TimeProvider"/> bridges
/// code written against <see cref="System.TimeProvider"/> to this clock.</para>
/// </remarks>
public sealed partial class TestScheduler : VirtualTimeScheduler<long, long>
{
    /// <summary>Creates a scheduler whose clock is at 0.</summary>
    public TestScheduler()
        : base(0, Comparer<long>.Default)
    {
        TimeProvider = new VirtualTimeProvider(this);
    }

    /// <summary>A <see cref="System.TimeProvider"/> that reads this clock and runs its timers on this scheduler.</summary>
    public VirtualTimeProvider TimeProvider { get; }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="dueTime"/>; a time not after the clock means "now".</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="state">State passed to the action.</param>
    /// <param name="dueTime">Absolute virtual time in ticks.</param>
    /// <param name="action">The work.</param>
    /// <returns>A disposable that cancels the work if it has not run yet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    public override IDisposable ScheduleAbsolute<TState>(TState state, long dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return base.ScheduleAbsolute(state, Math.Max(dueTime, Clock), action);
    }

    /// <summary>Runs all work due within <paramref name="time"/> from now and moves the clock by that much.</summary>
    /// <param name="time">How far to advance; not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The scheduler is already running (called from scheduled work).</exception>
    public void AdvanceBy(TimeSpan time)
    {
        if (time < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot advance the virtual clock by a negative time ({time}).");
        }

        AdvanceBy(time.Ticks);
    }

    /// <summary>Creates an observable that plays <paramref name="messages"/> at their absolute times to whoever is subscribed then.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="messages">Notifications with absolute times in ticks; times before the clock play at once.</param>
    /// <returns>The hot observable, with its subscription log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public ITestableObservable<T> CreateHotObservable<T>(params Recorded<Notification<T>>[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new HotObservable<T>(this, messages);
    }

    /// <summary>Creates an observable that plays <paramref name="messages"/> to each subscriber, relative to its subscription.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="messages">Notifications with times in ticks after the subscription.</param>
    /// <returns>The cold observable, with its subscription log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is <see langword="null"/>.</exception>
    public ITestableObservable<T> CreateColdObservable<T>(params Recorded<Notification<T>>[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new ColdObservable<T>(this, messages);
    }

    /// <summary>Creates an observer that records what it receives, stamped with this clock.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The recording observer.</returns>
    public ITestableObserver<T> CreateObserver<T>() => new RecordingObserver<T>(this);

    /// <inheritdoc/>
    protected override long Add(long absolute, long relative) => checked(absolute + relative);

    /// <inheritdoc/>
    protected override DateTimeOffset ToDateTimeOffset(long absolute) => new(absolute, TimeSpan.Zero);

    /// <inheritdoc/>
    protected override long ToRelative(TimeSpan timeSpan) => timeSpan.Ticks;
}
