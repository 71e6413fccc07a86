using System.Reactive.Concurrency;
using Aurora.Reactive.Testing.Simulation;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Tests.Testing.Simulation;

public sealed class LeadingTimersTests
{
    [Fact]
    public void Schedule_RelativeAndAbsolute_FireTheirLeadPerSecondOfDelayEarly()
    {
        var clock = new TestScheduler();
        var lead = TimeSpan.FromMilliseconds(1);
        var timers = new LeadingTimers(clock, () => lead);
        var fired = new List<(string Timer, long At)>();

        timers.Schedule(TimeSpan.FromSeconds(2), () => fired.Add(("relative 2 s", clock.Clock)));
        timers.Schedule(clock.Now + TimeSpan.FromSeconds(60), () => fired.Add(("absolute 60 s", clock.Clock)));
        clock.Start();

        Assert.Equal(
            [("relative 2 s", TimeSpan.FromMilliseconds(1998).Ticks), ("absolute 60 s", TimeSpan.FromMilliseconds(59940).Ticks)],
            fired);
    }

    [Fact]
    public void Schedule_NoLead_FiresAtTheDueTime()
    {
        var clock = new TestScheduler();
        var timers = new LeadingTimers(clock, () => TimeSpan.Zero);
        long? firedAt = null;

        timers.Schedule(TimeSpan.FromSeconds(2), () => firedAt = clock.Clock);
        clock.Start();

        Assert.Equal(TimeSpan.FromSeconds(2).Ticks, firedAt);
    }
}
