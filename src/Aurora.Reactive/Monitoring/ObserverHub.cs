using System.Reactive.Disposables;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Broadcasts values to its observers one by one, each isolated from the others: an observer that throws
/// is reported to <c>onObserverError</c> and the others (and the producer) carry on. Delivery is
/// serialized by the caller's gate.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
internal sealed class ObserverHub<T>
{
    private readonly object _gate = new();
    private readonly Action<Exception> _onObserverError;
    private IObserver<T>[] _observers = [];
    private bool _completed;

    public ObserverHub(Action<Exception> onObserverError) => _onObserverError = onObserverError;

    /// <summary>Adds an observer; an observer added after completion is completed at once.</summary>
    public IDisposable Add(IObserver<T> observer)
    {
        lock (_gate)
        {
            if (!_completed)
            {
                _observers = [.. _observers, observer];
                return new Removal(this, observer);
            }
        }

        Deliver(observer, static o => o.OnCompleted());
        return Disposable.Empty;
    }

    /// <summary>Sends <paramref name="initial"/> to the observer, then adds it.</summary>
    public IDisposable Add(IObserver<T> observer, T initial)
    {
        Deliver(observer, o => o.OnNext(initial));
        return Add(observer);
    }

    public void Publish(T value)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            Deliver(observer, o => o.OnNext(value));
        }
    }

    public void Complete()
    {
        IObserver<T>[] observers;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            observers = _observers;
            _observers = [];
        }

        foreach (var observer in observers)
        {
            Deliver(observer, static o => o.OnCompleted());
        }
    }

    internal void Deliver(IObserver<T> observer, Action<IObserver<T>> action)
    {
        try
        {
            action(observer);
        }
#pragma warning disable CA1031 // An observer's failure must not stop the delivery to the others.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _onObserverError(error);
        }
    }

    private void Remove(IObserver<T> observer)
    {
        lock (_gate)
        {
            _observers = Array.FindAll(_observers, o => !ReferenceEquals(o, observer));
        }
    }

    private sealed class Removal(ObserverHub<T> hub, IObserver<T> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(observer);
            }
        }
    }
}
