using System.Reactive;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>An observer that records every notification with the virtual time at which it arrived.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface ITestableObserver<T> : IObserver<T>
{
    /// <summary>The notifications received so far, in arrival order, stamped with the scheduler clock.</summary>
    IReadOnlyList<Recorded<Notification<T>>> Messages { get; }
}
