using System.Reactive;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>An observable that plays recorded notifications on a <see cref="TestScheduler"/> and logs its subscriptions.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ITestableObservable<T> : IObservable<T>
{
    /// <summary>Every subscription so far, in order, with subscribe and unsubscribe times.</summary>
    IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>
    /// The notifications this observable plays: absolute times for a hot observable, times relative to
    /// each subscription for a cold one.
    /// </summary>
    IReadOnlyList<Recorded<Notification<T>>> Messages { get; }
}
