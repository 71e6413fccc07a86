using System.Reactive.Concurrency;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>
/// A virtual-time scheduler whose clock reads a little behind the time its timers fire at, as a real
/// timer may fire slightly before its due time by the wall clock.
/// </summary>
internal sealed class LaggingClockScheduler(IScheduler inner, TimeSpan lag) : IScheduler
{
    public DateTimeOffset Now => inner.Now - lag;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, dueTime, (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, dueTime, (_, s) => action(this, s));
}
