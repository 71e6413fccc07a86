namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Wraps a user's observer so that an exception it throws is reported instead of unwinding into the
/// monitor's scheduler callbacks.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
internal sealed class IsolatedObserver<T>(IObserver<T> inner, Action<Exception> onObserverError) : IObserver<T>
{
    public void OnNext(T value) => Guard(() => inner.OnNext(value));

    public void OnError(Exception error) => Guard(() => inner.OnError(error));

    public void OnCompleted() => Guard(inner.OnCompleted);

    private void Guard(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // The user's failure is reported, not allowed to stop the monitor.
        catch (Exception error)
#pragma warning restore CA1031
        {
            onObserverError(error);
        }
    }
}
