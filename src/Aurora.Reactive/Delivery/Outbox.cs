namespace Aurora.Reactive.Delivery;

/// <summary>
/// The one way the library delivers to subscribers, outside every lock: a component queues deliveries while it holds
/// its lock (<see cref="Gate"/>) and calls <see cref="Drain"/> once it released it. Deliveries run in the order queued,
/// one at a time, on whichever thread drains first; a thread that drains while another does, or while it still holds
/// the lock (an outer scope drains when it leaves), returns at once. A subscriber may so call back into the component,
/// or take its time, without holding up the component's other threads.
/// </summary>
internal sealed class Outbox
{
    private readonly Queue<Action> _queue = new();
    private readonly Action<Exception> _onDeliveryError;
    private bool _draining;

    /// <summary>Creates the outbox of a component.</summary>
    /// <param name="gate">The component's lock: never held while delivering.</param>
    /// <param name="onDeliveryError">Told about an exception a queued action threw (a <see cref="Broadcast{T}"/> catches its subscribers' own).</param>
    public Outbox(object gate, Action<Exception>? onDeliveryError = null)
    {
        Gate = gate;
        _onDeliveryError = onDeliveryError ?? (static _ => { });
    }

    /// <summary>The component's lock.</summary>
    public object Gate { get; }

    /// <summary>Queues <paramref name="delivery"/>; call <see cref="Drain"/> after releasing <see cref="Gate"/>.</summary>
    public void Post(Action delivery)
    {
        lock (_queue)
        {
            _queue.Enqueue(delivery);
        }
    }

    /// <summary>Runs what is queued, unless this thread holds <see cref="Gate"/> or another thread is running it.</summary>
    public void Drain()
    {
        if (Monitor.IsEntered(Gate))
        {
            return;
        }

        lock (_queue)
        {
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        while (true)
        {
            Action next;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _draining = false;
                    return;
                }

                next = _queue.Dequeue();
            }

            try
            {
                next();
            }
#pragma warning disable CA1031 // A failed delivery must not stop the ones queued after it.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _onDeliveryError(error);
            }
        }
    }

    /// <summary>Enters <see cref="Gate"/>; disposing the scope leaves it and drains.</summary>
    public Scope Enter()
    {
        Monitor.Enter(Gate);
        return new Scope(this);
    }

    /// <summary>A hold on the gate that drains the outbox when it ends.</summary>
    public readonly struct Scope(Outbox owner) : IDisposable
    {
        /// <summary>Leaves the gate and drains.</summary>
        public void Dispose()
        {
            Monitor.Exit(owner.Gate);
            owner.Drain();
        }
    }
}
