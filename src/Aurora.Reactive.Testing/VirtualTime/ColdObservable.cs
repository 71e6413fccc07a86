using System.Reactive;
using System.Reactive.Disposables;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>Plays its notifications to each subscriber, at times relative to that subscription.</summary>
internal sealed class ColdObservable<T>(TestScheduler scheduler, Recorded<Notification<T>>[] messages) : ITestableObservable<T>
{
    private readonly SubscriptionLog _log = new(scheduler);

    public IReadOnlyList<Subscription> Subscriptions => _log.Entries;

    public IReadOnlyList<Recorded<Notification<T>>> Messages => messages;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var pending = new CompositeDisposable();
        foreach (var message in messages)
        {
            var notification = message.Value;
            pending.Add(scheduler.ScheduleRelative(notification, message.Time, (_, n) =>
            {
                n.Accept(observer);
                return Disposable.Empty;
            }));
        }

        return _log.Begin(pending.Dispose);
    }
}
