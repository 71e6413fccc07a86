using System.Reactive.Disposables;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>The subscription log shared by hot and cold test observables.</summary>
internal sealed class SubscriptionLog(TestScheduler scheduler)
{
    private readonly List<Subscription> _entries = [];

    public IReadOnlyList<Subscription> Entries => _entries.ToArray();

    /// <summary>Logs a subscription now; the returned disposable logs its end (once) and then runs <paramref name="onDispose"/>.</summary>
    public IDisposable Begin(Action onDispose)
    {
        var index = _entries.Count;
        _entries.Add(new Subscription(scheduler.Clock));
        return Disposable.Create(() =>
        {
            _entries[index] = _entries[index] with { Unsubscribe = scheduler.Clock };
            onDispose();
        });
    }
}
