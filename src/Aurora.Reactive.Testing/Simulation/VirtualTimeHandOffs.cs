using System.Reactive.Concurrency;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// The hand-off queue of a data source under virtual time: work is never run inline and never on another thread.
/// Queued work runs on the test's thread, in order, as one item of the virtual clock (due now), so advancing the
/// clock alternates the clock's own items with the hand-offs they caused.
/// </summary>
internal sealed class VirtualTimeHandOffs(IScheduler clock)
{
    private readonly Queue<Action> _queue = new();
    private bool _drainScheduled;

    public void Post(Action work)
    {
        lock (_queue)
        {
            _queue.Enqueue(work);
            if (_drainScheduled)
            {
                return;
            }

            _drainScheduled = true;
        }

        clock.Schedule(Drain);
    }

    /// <summary>Runs every queued hand-off, and those they queue, on the calling thread, with no synchronization context
    /// (an awaiter completed by a hand-off then continues inline, not on the thread pool).</summary>
    public void Drain()
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (true)
            {
                Action work;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out work!))
                    {
                        _drainScheduled = false;
                        return;
                    }
                }

                work();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
