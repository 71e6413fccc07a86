namespace Aurora.Reactive.Testing.VirtualTime;

/// <summary>
/// The virtual times <see cref="TestScheduler.Start{T}(Func{IObservable{T}})"/> uses, in ticks of 100 ns.
/// They follow the convention of Rx.NET's own test scheduler, so timings read the same as in its tests.
/// </summary>
public static class TestSchedulerDefaults
{
    /// <summary>The factory runs at tick 100.</summary>
    public const long Created = 100;

    /// <summary>The observer subscribes at tick 200.</summary>
    public const long Subscribed = 200;

    /// <summary>The subscription is disposed at tick 1000.</summary>
    public const long Disposed = 1000;
}
