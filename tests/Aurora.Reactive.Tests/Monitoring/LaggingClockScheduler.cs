using System.Reactive.Concurrency;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>
/// A virtual-time scheduler whose timers fire a little before their due time by its own clock, as a real
/// timer may by the wall clock: its clock reads behind the virtual time, and its relative timers are
/// shortened by the same lag.
/// </summary>
internal sealed class LaggingClockScheduler(IScheduler inner, TimeSpan lag) : IScheduler
{
    public DateTimeOffset Now => inner.Now - lag;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, dueTime > lag ? dueTime - lag : TimeSpan.Zero, (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        inner.Schedule(state, dueTime, (_, s) => action(this, s));
}
