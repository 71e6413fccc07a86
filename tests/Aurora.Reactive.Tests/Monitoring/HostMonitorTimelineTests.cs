using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class HostMonitorTimelineTests
{
    [Fact]
    public void WatchCommand_DefaultSettingsFrozenHost_DeclaresDeadAt45SecondsAfterStart()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(44.999);
        Assert.Empty(harness.Verdicts);
        harness.Clock.AdvanceTo(45);

        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(TimeSpan.FromSeconds(45), verdict.SinceCommandStart);
        Assert.Equal(VirtualClock.At(30), verdict.WindowOpenedAt);
        Assert.Equal(3, verdict.FailedProbes);
        Assert.False(verdict.FromSharedHealth);
        Assert.Equal([30.0, 35.0, 40.0], harness.ProbeStartSeconds());
        Assert.Equal(FailureDetectionSettings.Default.DeadAfterFrozen, verdict.SinceCommandStart);
    }

    [Fact]
    public void WatchCommand_AggressiveSettingsFrozenHost_DeclaresDeadAt7SecondsAfterStart()
    {
        var settings = FailureDetectionSettings.FromMilliseconds(6000, 1000, 1);
        using var harness = new MonitorHarness(settings, SimulatedAnswer.Never);
        using var command = harness.StartCommand(2);

        harness.Clock.AdvanceTo(8.999);
        Assert.Empty(harness.Verdicts);
        harness.Clock.AdvanceTo(9);

        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(TimeSpan.FromSeconds(7), verdict.SinceCommandStart);
        Assert.Equal(VirtualClock.At(9), verdict.DeclaredAt);
        Assert.Equal([8.0], harness.ProbeStartSeconds());
    }

    [Fact]
    public void WatchCommand_HostRecoversBeforeCount_IsNotDeclaredDeadAndProbingGoesOn()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        harness.Prober.BehaveFrom(VirtualClock.At(39), SimulatedAnswer.OkAfterMs(3));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(300);

        Assert.Empty(harness.Verdicts);
        Assert.Equal(HostHealthStatus.Healthy, harness.Monitor.CurrentHealth.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(3), harness.Monitor.CurrentHealth.LastProbeLatency);
        Assert.Equal(55, harness.ProbeStartSeconds().Length); // 30, 35, ..., 300
    }

    [Fact]
    public void WatchCommand_FailuresInterruptedByOneAnswer_CountStartsAgain()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.FailAfterMs(10));
        harness.Prober.BehaveFrom(VirtualClock.At(39), SimulatedAnswer.OkAfterMs(1));
        harness.Prober.BehaveFrom(VirtualClock.At(41), SimulatedAnswer.FailAfterMs(10));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(100);

        // Failed at 30 and 35, answered at 40, then failed at 45, 50 and 55: dead when the 55 s probe fails.
        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(VirtualClock.At(55.010), verdict.DeclaredAt);
    }

    [Fact]
    public void WatchCommand_CommandEndsBeforeWindow_StartsNoProbe()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        harness.CommandBetween(0, 29.999);

        harness.Clock.AdvanceTo(120);

        Assert.Empty(harness.Prober.ProbeStarts);
        Assert.Empty(harness.Verdicts);
        Assert.False(harness.Monitor.IsProbing);
    }

    [Fact]
    public void WatchCommand_CommandEndsAfterFirstProbe_ProbingStops()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(2));
        harness.CommandBetween(0, 36);

        harness.Clock.AdvanceTo(120);

        Assert.Equal([30.0, 35.0], harness.ProbeStartSeconds());
        Assert.Empty(harness.Verdicts);
    }

    [Fact]
    public void WatchCommand_ProbesFailFast_DeadWhenTheLastFailureArrives()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.FailAfterMs(20));
        var probes = new List<ProbeResult>();
        using var probeLog = harness.Monitor.Probes.Subscribe(probes.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(VirtualClock.At(40.020), verdict.DeclaredAt);
        Assert.All(probes, p => Assert.Equal(ProbeOutcome.Failed, p.Outcome));
        Assert.All(probes, p => Assert.Equal(TimeSpan.FromMilliseconds(20), p.Latency));
        Assert.IsType<IOException>(probes[0].Error);
        Assert.Equal(0, harness.Prober.AbandonedProbes);
    }

    [Fact]
    public void WatchCommand_ProbesTimeOut_EachTimesOutAfterTheIntervalAndIsAbandoned()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        var probes = new List<ProbeResult>();
        using var probeLog = harness.Monitor.Probes.Subscribe(probes.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        Assert.Equal(3, probes.Count);
        Assert.All(probes, p => Assert.Equal(ProbeOutcome.TimedOut, p.Outcome));
        Assert.All(probes, p => Assert.Equal(TimeSpan.FromSeconds(5), p.Latency));
        Assert.All(probes, p => Assert.IsType<TimeoutException>(p.Error));
        Assert.Equal(3, harness.Prober.AbandonedProbes);
        Assert.Equal(TimeSpan.FromSeconds(5), harness.Prober.LastTimeout);
    }

    [Fact]
    public void WatchCommand_MonitoringTimeoutShorterThanInterval_BoundsEachProbe()
    {
        var settings = FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3, 60_000, monitoringTimeoutMs: 2_000);
        using var harness = new MonitorHarness(settings, SimulatedAnswer.Never);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(TimeSpan.FromSeconds(42), verdict.SinceCommandStart);
        Assert.Equal(settings.DeadAfterFrozen, verdict.SinceCommandStart);
        Assert.Equal(TimeSpan.FromSeconds(2), harness.Prober.LastTimeout);
    }

    [Fact]
    public void WatchCommand_SlowAnswerWithinTimeout_CountsAsAnswered()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), SimulatedAnswer.OkAfterMs(999));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(30);

        Assert.Empty(harness.Verdicts);
        Assert.Equal(HostHealthStatus.Healthy, harness.Monitor.CurrentHealth.Status);
    }

    [Fact]
    public void Health_FrozenHost_GoesHealthySuspectUnhealthyAtProbeCompletions()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(1));
        harness.Prober.BehaveFrom(VirtualClock.At(31), SimulatedAnswer.Never);
        var health = new List<HostHealth>();
        using var healthLog = harness.Monitor.Health.Subscribe(health.Add);
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(60);

        Assert.Equal(
            [
                (0.0, HostHealthStatus.Unknown, 0),
                (30.001, HostHealthStatus.Healthy, 0),
                (40.0, HostHealthStatus.Suspect, 1),
                (45.0, HostHealthStatus.Suspect, 2),
                (50.0, HostHealthStatus.Unhealthy, 3),
            ],
            health.Select(h => (Math.Round(VirtualClock.SecondsOf(h.Time), 3), h.Status, h.ConsecutiveFailures)));
        Assert.Equal(VirtualClock.At(50), Assert.Single(harness.Verdicts).DeclaredAt);
    }

    [Fact]
    public void WatchCommand_AnswerArrivingAfterTheTimeout_IsATimedOutFailure()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), SimulatedAnswer.OkAfterMs(1001));
        using var command = harness.StartCommand(0);

        harness.Clock.AdvanceTo(30);

        Assert.Equal(VirtualClock.At(7), Assert.Single(harness.Verdicts).DeclaredAt);
    }

    [Fact]
    public void WatchCommand_WindowAlreadyOpenWhenSubscribed_ProbesAtOnce()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), SimulatedAnswer.Never);
        harness.Clock.AdvanceTo(100);
        using var command = harness.StartCommand(50);

        harness.Clock.AdvanceTo(101);

        Assert.Equal([100.0], harness.ProbeStartSeconds());
        Assert.Equal(TimeSpan.FromSeconds(51), Assert.Single(harness.Verdicts).SinceCommandStart);
    }

    [Fact]
    public void WatchCommand_WithoutStartTime_StartsWhenSubscribed()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), SimulatedAnswer.Never);
        harness.Clock.AdvanceTo(10);
        using var command = harness.Monitor.WatchCommand().Subscribe(harness.Verdicts.Add);

        harness.Clock.AdvanceTo(30);

        var verdict = Assert.Single(harness.Verdicts);
        Assert.Equal(VirtualClock.At(10), verdict.CommandStartedAt);
        Assert.Equal(VirtualClock.At(17), verdict.DeclaredAt);
    }

    [Fact]
    public void WatchCommand_WindowTimerFiresBeforeItsDueTimeByTheClock_ProbeItStartsStillCounts()
    {
        var clock = new VirtualClock();
        var scheduler = new LaggingClockScheduler(clock.Scheduler, TimeSpan.FromMilliseconds(1));
        var prober = new SimulatedHostProber(clock.Scheduler, SimulatedAnswer.Never);
        using var monitor = new HostMonitor(MonitorHarness.Host, FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), prober, scheduler);
        var verdicts = new List<HostDeclaredDead>();
        using var command = monitor.WatchCommand(VirtualClock.At(0)).Subscribe(verdicts.Add);

        clock.AdvanceTo(8);

        // The window timer and the probe's timeout each fire 1 ms early by the clock; the early probe counts.
        Assert.Equal(VirtualClock.At(7) - TimeSpan.FromMilliseconds(2), Assert.Single(verdicts).DeclaredAt);
    }
}
