using System.Reactive;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>Plays its notifications at absolute times, to whoever is subscribed at that moment.</summary>
internal sealed class HotObservable<T> : ITestableObservable<T>
{
    private readonly List<IObserver<T>> _observers = [];
    private readonly SubscriptionLog _log;
    private readonly Recorded<Notification<T>>[] _messages;

    public HotObservable(TestScheduler scheduler, Recorded<Notification<T>>[] messages)
    {
        _log = new SubscriptionLog(scheduler);
        _messages = messages;
        foreach (var message in messages)
        {
            var notification = message.Value;
            scheduler.ScheduleAbsolute(notification, message.Time, (_, n) =>
            {
                foreach (var observer in _observers.ToArray())
                {
                    n.Accept(observer);
                }

                return System.Reactive.Disposables.Disposable.Empty;
            });
        }
    }

    public IReadOnlyList<Subscription> Subscriptions => _log.Entries;

    public IReadOnlyList<Recorded<Notification<T>>> Messages => _messages;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
        return _log.Begin(() => _observers.Remove(observer));
    }
}
