using System.Reactive.Concurrency;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// The clock as a data source on the real clock meets it: its timers may fire before their due time by its own
/// <see cref="IScheduler.Now"/>. Rx's default scheduler reads <c>Now</c> from the wall clock but runs its timers on the
/// monotonic one; while NTP slews the wall clock forward (a machine just set up), a 2 s timer fires a millisecond or two
/// before <c>Now</c> says 2 s have passed. Each timer fires <paramref name="leadPerSecond"/> early per second of its delay.
/// </summary>
internal sealed class LeadingTimers(IScheduler clock, Func<TimeSpan> leadPerSecond) : IScheduler
{
    public DateTimeOffset Now => clock.Now;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        clock.Schedule(state, (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        clock.Schedule(state, Early(dueTime), (_, s) => action(this, s));

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        clock.Schedule(state, Early(dueTime - clock.Now), (_, s) => action(this, s));

    private TimeSpan Early(TimeSpan dueTime)
    {
        var lead = leadPerSecond();
        if (lead <= TimeSpan.Zero || dueTime <= TimeSpan.Zero)
        {
            return dueTime;
        }

        return dueTime - TimeSpan.FromTicks((long)(dueTime.Ticks * (lead.Ticks / (double)TimeSpan.TicksPerSecond)));
    }
}
