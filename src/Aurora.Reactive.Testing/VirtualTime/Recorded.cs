using System.Reactive;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>
/// Factories for timed notifications, the input of <see cref="TestScheduler.CreateHotObservable{T}"/> and
/// <see cref="TestScheduler.CreateColdObservable{T}"/>. Times are in ticks of 100 ns.
/// </summary>
public static class Recorded
{
    /// <summary>A value notification at <paramref name="time"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="time">Virtual time in ticks.</param>
    /// <param name="value">The value.</param>
    /// <returns>The timed notification.</returns>
    public static Recorded<Notification<T>> OnNext<T>(long time, T value) => new(time, Notification.CreateOnNext(value));

    /// <summary>A completion notification at <paramref name="time"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="time">Virtual time in ticks.</param>
    /// <returns>The timed notification.</returns>
    public static Recorded<Notification<T>> OnCompleted<T>(long time) => new(time, Notification.CreateOnCompleted<T>());

    /// <summary>An error notification at <paramref name="time"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="time">Virtual time in ticks.</param>
    /// <param name="error">The error.</param>
    /// <returns>The timed notification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static Recorded<Notification<T>> OnError<T>(long time, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(time, Notification.CreateOnError<T>(error));
    }
}
