using System.Reactive;

namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>Records notifications with the scheduler clock at arrival.</summary>
internal sealed class RecordingObserver<T>(TestScheduler scheduler) : ITestableObserver<T>
{
    private readonly List<Recorded<Notification<T>>> _messages = [];

    public IReadOnlyList<Recorded<Notification<T>>> Messages => _messages.ToArray();

    public void OnNext(T value) => _messages.Add(new(scheduler.Clock, Notification.CreateOnNext(value)));

    public void OnError(Exception error) => _messages.Add(new(scheduler.Clock, Notification.CreateOnError<T>(error)));

    public void OnCompleted() => _messages.Add(new(scheduler.Clock, Notification.CreateOnCompleted<T>()));
}
