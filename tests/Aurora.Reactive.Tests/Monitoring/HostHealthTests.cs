using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class HostHealthTests
{
    private static readonly HostSpec Host = new("h", 5432);
    private static readonly DateTimeOffset T0 = VirtualClock.Origin;

    private static ProbeResult Probe(ProbeOutcome outcome, double startSeconds, int latencyMs = 10) =>
        new(Host, outcome, T0.AddSeconds(startSeconds), TimeSpan.FromMilliseconds(latencyMs), outcome == ProbeOutcome.Answered ? null : new IOException("x"));

    [Fact]
    public void After_FailuresThenAnswer_SuspectThenUnhealthyThenHealthy()
    {
        var health = HostHealth.Unknown(Host, T0);

        var afterOne = health.After(Probe(ProbeOutcome.Failed, 1), 2);
        var afterTwo = afterOne.After(Probe(ProbeOutcome.TimedOut, 2, 1000), 2);
        var afterThree = afterTwo.After(Probe(ProbeOutcome.Failed, 3), 2);
        var recovered = afterThree.After(Probe(ProbeOutcome.Answered, 4, 3), 2);

        Assert.Equal((HostHealthStatus.Suspect, 1), (afterOne.Status, afterOne.ConsecutiveFailures));
        Assert.Equal((HostHealthStatus.Unhealthy, 2), (afterTwo.Status, afterTwo.ConsecutiveFailures));
        Assert.Equal((HostHealthStatus.Unhealthy, 3), (afterThree.Status, afterThree.ConsecutiveFailures));
        Assert.Equal((HostHealthStatus.Healthy, 0), (recovered.Status, recovered.ConsecutiveFailures));
        Assert.Equal(TimeSpan.FromMilliseconds(3), recovered.LastProbeLatency);
        Assert.Equal(T0.AddSeconds(4).AddMilliseconds(3), recovered.Time);
        Assert.Equal(T0.AddSeconds(3), afterTwo.Time); // a timed-out probe completes at start + timeout
    }

    [Fact]
    public void After_CountOfOne_FirstFailureIsUnhealthy() =>
        Assert.Equal(HostHealthStatus.Unhealthy, HostHealth.Unknown(Host, T0).After(Probe(ProbeOutcome.TimedOut, 0), 1).Status);

    [Fact]
    public void Unknown_HasNoLatencyAndNoFailures()
    {
        var health = HostHealth.Unknown(Host, T0);

        Assert.Equal((HostHealthStatus.Unknown, 0, (TimeSpan?)null), (health.Status, health.ConsecutiveFailures, health.LastProbeLatency));
    }
}
