namespace Aurora.Reactive.Tests.Delivery;

/// <summary>A subscriber whose every <c>OnNext</c> throws <see cref="Thrown"/>; counts the values it was given.</summary>
internal sealed class ThrowingSubscriber<T>(string message) : IObserver<T>
{
    public InvalidOperationException Thrown { get; } = new(message);

    public int Calls { get; private set; }

    public void OnNext(T value)
    {
        Calls++;
        throw Thrown;
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
