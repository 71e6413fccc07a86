using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class HostMonitorRobustnessTests
{
    [Fact]
    public void WatchCommand_OneVerdictObserverThrows_TheOtherCommandStillGetsItsVerdict()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        var caught = new List<Exception>();
        using var errors = harness.Monitor.CaughtErrors.Subscribe(caught.Add);
        using var throwing = harness.Monitor.WatchCommand(VirtualClock.At(0))
            .Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        Assert.Equal(VirtualClock.At(45), Assert.Single(harness.Verdicts).DeclaredAt);
        Assert.Contains(caught, e => e.Message == "subscriber bug");
    }

    [Fact]
    public void Health_ObserverThrowsOnEveryValue_ProbingAndVerdictsCarryOn()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(1));
        harness.Prober.BehaveFrom(VirtualClock.At(50), SimulatedAnswer.Never);
        var caught = 0;
        using var errors = harness.Monitor.CaughtErrors.Subscribe(_ => caught++);
        using var throwingHealth = harness.Monitor.Health.Subscribe(_ => throw new InvalidOperationException("health observer bug"));
        using var throwingProbes = harness.Monitor.Probes.Subscribe(_ => throw new InvalidOperationException("probe observer bug"));
        var health = new List<HostHealth>();
        using var healthLog = harness.Monitor.Health.Subscribe(health.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(100);

        // Answered at 30..45, frozen from 50: timeouts complete at 55, 60, 65.
        Assert.Equal(VirtualClock.At(65), Assert.Single(harness.Verdicts).DeclaredAt);
        Assert.Equal(7, health.Count - 1);
        Assert.Equal(2, caught); // each throwing observer is reported once, then detached (Rx's rule for a throwing observer)
    }

    [Fact]
    public void Probe_ProberThrowsSynchronously_CountsAsAFastFailureAndTheLoopGoesOn()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Throw);
        var probes = new List<ProbeResult>();
        using var probeLog = harness.Monitor.Probes.Subscribe(probes.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        Assert.Equal(3, probes.Count);
        Assert.All(probes, p => Assert.Equal(ProbeOutcome.Failed, p.Outcome));
        Assert.All(probes, p => Assert.IsType<InvalidOperationException>(p.Error));
        Assert.Equal(VirtualClock.At(40), Assert.Single(harness.Verdicts).DeclaredAt);
    }

    [Fact]
    public void Probe_ProberThrowsThenRecovers_HostIsHealthyAgain()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Throw);
        harness.Prober.BehaveFrom(VirtualClock.At(36), SimulatedAnswer.OkAfterMs(1));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        Assert.Empty(harness.Verdicts);
        Assert.Equal(HostHealthStatus.Healthy, harness.Monitor.CurrentHealth.Status);
    }

    [Fact]
    public void Health_ObserverReadsTheHealthFromAnotherThread_DoesNotDeadlock()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(1));
        var otherThreadGotIn = new List<bool>();
        using var health = harness.Monitor.Health.Subscribe(_ => otherThreadGotIn.Add(Task.Run(() => harness.Monitor.CurrentHealth).Wait(TimeSpan.FromSeconds(10))));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(31);

        Assert.True(otherThreadGotIn.Count >= 2);
        Assert.All(otherThreadGotIn, Assert.True);
    }

    [Fact]
    public void Probes_OneObserverThrows_TheOthersGetEveryProbe()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(1));
        var before = new List<ProbeResult>();
        var after = new List<ProbeResult>();
        using var first = harness.Monitor.Probes.Subscribe(before.Add);
        using var throwing = harness.Monitor.Probes.Subscribe(_ => throw new InvalidOperationException("probe observer bug"));
        using var last = harness.Monitor.Probes.Subscribe(after.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(50);

        Assert.NotEmpty(before);
        Assert.Equal(before, after);
    }
}
