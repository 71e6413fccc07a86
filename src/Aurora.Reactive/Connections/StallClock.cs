using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The one timer of a data source's <see cref="CommandWatch"/>es. Every watch is due the same time after it starts, so the
/// watches wait in start order, and one tick on the data source's scheduler, set for the first of them, serves them all:
/// a statement costs a queue entry instead of a timer of its own. A watch disposed before it is due stays queued until a
/// tick passes it.
/// </summary>
internal sealed class StallClock : IDisposable
{
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _delay;
    private readonly Queue<(CommandWatch Watch, int Use, DateTimeOffset Due)> _pending = new();
    private IDisposable? _tick;
    private bool _ticking; // a tick is scheduled, or running
    private bool _disposed;

    /// <summary>Creates the clock; each watch is due <paramref name="delay"/> after it is added.</summary>
    public StallClock(IScheduler scheduler, TimeSpan delay)
    {
        _scheduler = scheduler;
        _delay = delay;
    }

    /// <summary>Makes use <paramref name="use"/> of <paramref name="watch"/> due (<see cref="CommandWatch.Due"/>) one delay from now; nothing once disposed.</summary>
    public void Add(CommandWatch watch, int use)
    {
        lock (_pending)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Enqueue((watch, use, _scheduler.Now + _delay));
            if (_ticking)
            {
                return;
            }

            _ticking = true;
        }

        Schedule(_delay);
    }

    /// <summary>Stops the tick and drops the watches still queued: the data source was disposed.</summary>
    public void Dispose()
    {
        IDisposable? tick;
        lock (_pending)
        {
            _disposed = true;
            _pending.Clear();
            tick = _tick;
            _tick = null;
        }

        tick?.Dispose();
    }

    private void Schedule(TimeSpan wait)
    {
        var tick = _scheduler.Schedule(this, wait, static (_, clock) => clock.Tick());
        lock (_pending)
        {
            if (!_disposed)
            {
                _tick = tick;
                return;
            }
        }

        tick.Dispose();
    }

    private IDisposable Tick()
    {
        while (true)
        {
            CommandWatch watch;
            int use;
            TimeSpan wait;
            lock (_pending)
            {
                if (_disposed || _pending.Count == 0)
                {
                    _ticking = false;
                    return Disposable.Empty;
                }

                // The watches of statements that ended are dropped unseen, however far off their time: the next tick is
                // set for the first statement still running, so ticks follow the long statements, not every statement.
                while (_pending.TryPeek(out var ended) && ended.Watch.IsEnded(ended.Use))
                {
                    _pending.Dequeue();
                }

                if (!_pending.TryPeek(out var first))
                {
                    _ticking = false;
                    return Disposable.Empty;
                }

                wait = first.Due - _scheduler.Now;
                if (wait <= TimeSpan.Zero)
                {
                    _pending.Dequeue();
                }

                (watch, use) = (first.Watch, first.Use);
            }

            if (wait > TimeSpan.Zero)
            {
                Schedule(wait);
                return Disposable.Empty;
            }

            // Outside the lock: a due watch reports a stall and starts the failure monitor's watch.
            watch.Due(use);
        }
    }
}
