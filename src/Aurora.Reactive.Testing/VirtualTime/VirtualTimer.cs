using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>An <see cref="ITimer"/> whose ticks are scheduled on a <see cref="TestScheduler"/>.</summary>
internal sealed class VirtualTimer(TestScheduler scheduler, TimerCallback callback, object? state) : ITimer
{
    private IDisposable? _pending;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, nameof(dueTime));
        Validate(period, nameof(period));
        if (_disposed)
        {
            return false;
        }

        _pending?.Dispose();
        _pending = null;
        _period = period;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Arm(dueTime);
        }

        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        _pending?.Dispose();
        _pending = null;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Arm(TimeSpan delay) =>
        _pending = scheduler.ScheduleRelative(this, delay.Ticks, static (_, timer) =>
        {
            timer.Fire();
            return System.Reactive.Disposables.Disposable.Empty;
        });

    private void Fire()
    {
        if (_disposed)
        {
            return;
        }

        _pending = null;
        if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
        {
            Arm(_period);
        }

        callback(state);
    }

    private static void Validate(TimeSpan time, string name)
    {
        if (time < TimeSpan.Zero && time != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, time, $"Timer {name} {time} is negative; use Timeout.InfiniteTimeSpan to disable.");
        }
    }
}
