namespace Aurora.Reactive.Topology;

/// <summary>
/// Delivering notifications outside the state lock: they are queued under the lock and drained, in
/// order and by one thread at a time, when the outermost holder releases it.
/// </summary>
internal sealed partial class TopologyMonitor
{
    private readonly Queue<Action> _outbox = new();
    private bool _draining;

    private GateScope EnterGate()
    {
        Monitor.Enter(_gate);
        return new GateScope(this);
    }

    private void Drain()
    {
        if (Monitor.IsEntered(_gate))
        {
            return; // an outer scope on this thread drains when it leaves
        }

        lock (_gate)
        {
            if (_draining)
            {
                return; // another thread is draining and will pick up what was queued
            }

            _draining = true;
        }

        while (true)
        {
            Action next;
            lock (_gate)
            {
                if (_outbox.Count == 0)
                {
                    _draining = false;
                    return;
                }

                next = _outbox.Dequeue();
            }

            next();
        }
    }

    private readonly struct GateScope(TopologyMonitor owner) : IDisposable
    {
        public void Dispose()
        {
            Monitor.Exit(owner._gate);
            owner.Drain();
        }
    }
}
