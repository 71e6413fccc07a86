using System.Reactive.Disposables;

namespace Aurora.Reactive.Delivery;

/// <summary>
/// A stream's subscribers, served through the component's <see cref="Outbox"/>: values, replays and completion reach
/// them outside the component's lock, in the order they were published. A subscriber that throws is told to
/// <c>onSubscriberError</c> (which logs or reports it) and detached, Rx's rule for a throwing observer; the stream and
/// the other subscribers carry on. Publish and complete while holding the outbox's gate, then drain.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
internal sealed class Broadcast<T>(Outbox outbox, Action<Exception> onSubscriberError) : IObservable<T>
{
    private readonly Action<Exception> _onSubscriberError = onSubscriberError;
    private Subscription[] _subscriptions = [];
    private bool _completed;

    /// <summary>The outbox its subscribers are served through.</summary>
    public Outbox Outbox => outbox;

    /// <summary>Whether anyone is subscribed (read under the gate).</summary>
    public bool HasSubscribers => _subscriptions.Length > 0;

    /// <inheritdoc/>
    public IDisposable Subscribe(IObserver<T> observer) => Subscribe(observer, replay: null);

    /// <summary>Subscribes <paramref name="observer"/>, which first gets what <paramref name="replay"/> returns under the gate.</summary>
    public IDisposable Subscribe(IObserver<T> observer, Func<IEnumerable<T>>? replay)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new Subscription(this, observer);
        using (outbox.Enter())
        {
            var values = replay?.Invoke().ToArray() ?? [];
            if (values.Length > 0)
            {
                outbox.Post(() => Array.ForEach(values, value => subscription.Next(value)));
            }

            if (_completed)
            {
                outbox.Post(subscription.Completed);
                return Disposable.Empty;
            }

            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Queues <paramref name="value"/> for everyone subscribed now.</summary>
    public void Publish(T value)
    {
        var subscriptions = _subscriptions;
        if (subscriptions.Length > 0)
        {
            outbox.Post(() => Array.ForEach(subscriptions, subscription => subscription.Next(value)));
        }
    }

    /// <summary>Queues the completion for everyone subscribed now; later subscribers are completed at once.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var subscriptions = _subscriptions;
        _subscriptions = [];
        outbox.Post(() => Array.ForEach(subscriptions, subscription => subscription.Completed()));
    }

    private void Remove(Subscription subscription)
    {
        using (outbox.Enter())
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !ReferenceEquals(s, subscription));
        }
    }

    private sealed class Subscription(Broadcast<T> owner, IObserver<T> observer) : IDisposable
    {
        private volatile bool _disposed;

        public void Next(T value) => Deliver(static (o, v) => o.OnNext(v), value);

        public void Completed() => Deliver(static (o, _) => o.OnCompleted(), default!);

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner.Remove(this);
            }
        }

        private void Deliver(Action<IObserver<T>, T> action, T value)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                action(observer, value);
            }
#pragma warning disable CA1031 // A subscriber's failure must not stop the stream or the delivery to the others.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Dispose();
                owner._onSubscriberError(error);
            }
        }
    }
}
