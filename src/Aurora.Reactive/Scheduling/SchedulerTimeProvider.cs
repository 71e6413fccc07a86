using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Aurora.Reactive.Scheduling;

/// <summary>
/// The clock of an <see cref="IScheduler"/> as a <see cref="TimeProvider"/>, for the .NET APIs that take one
/// (<c>Task.WaitAsync(TimeSpan, TimeProvider)</c>, <c>Task.Delay(TimeSpan, TimeProvider)</c>): their timers then run
/// on the data source's one scheduler, virtual in tests.
/// </summary>
internal sealed class SchedulerTimeProvider(IScheduler scheduler) : TimeProvider
{
    public IScheduler Scheduler { get; } = scheduler;

    public override DateTimeOffset GetUtcNow() => Scheduler.Now.ToUniversalTime();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Scheduler.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new Timer(Scheduler, callback, state, dueTime, period);
    }

    private sealed class Timer : ITimer
    {
        private readonly IScheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly SerialDisposable _next = new();
        private long _generation;

        public Timer(IScheduler scheduler, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
            Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var generation = Interlocked.Increment(ref _generation);
            _next.Disposable = dueTime == Timeout.InfiniteTimeSpan
                ? null
                : _scheduler.Schedule(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, () => Fire(generation, period));
            return !_next.IsDisposed;
        }

        public void Dispose() => _next.Dispose();

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire(long generation, TimeSpan period)
        {
            if (Interlocked.Read(ref _generation) != generation)
            {
                return;
            }

            if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                _next.Disposable = _scheduler.Schedule(period, () => Fire(generation, period));
            }

            _callback(_state);
        }
    }
}
