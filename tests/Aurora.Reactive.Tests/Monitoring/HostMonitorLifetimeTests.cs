using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class HostMonitorLifetimeTests
{
    [Fact]
    public void Monitor_LastUserLeaves_IsDisposedExactlyAfterTheDisposalDelay()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.OkAfterMs(1));
        harness.CommandBetween(0, 50);

        harness.Clock.AdvanceTo(109.999);
        Assert.False(harness.Monitor.IsDisposed);
        Assert.False(harness.Prober.IsDisposed);
        harness.Clock.AdvanceTo(110);

        Assert.True(harness.Monitor.IsDisposed);
        Assert.True(harness.Prober.IsDisposed);
    }

    [Fact]
    public void Monitor_NewUserWithinDisposalDelay_KeepsTheMonitorAlive()
    {
        var settings = FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3, disposalMs: 10_000);
        using var harness = new MonitorHarness(settings, SimulatedAnswer.OkAfterMs(1));
        harness.CommandBetween(0, 5);
        harness.CommandBetween(14, 20);

        harness.Clock.AdvanceTo(29.999);
        Assert.False(harness.Monitor.IsDisposed);
        harness.Clock.AdvanceTo(30);

        Assert.True(harness.Monitor.IsDisposed);
    }

    [Fact]
    public void Monitor_TwoUsersOneLeaves_StaysAlive()
    {
        var settings = FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3, disposalMs: 10_000);
        using var harness = new MonitorHarness(settings, SimulatedAnswer.OkAfterMs(1));
        harness.CommandBetween(0, 5);
        using var longCommand = harness.StartCommand(0);

        harness.Clock.AdvanceTo(100);

        Assert.False(harness.Monitor.IsDisposed);
        Assert.Equal(1, harness.Monitor.UserCount);
    }

    [Fact]
    public void Dispose_WhileProbing_StopsProbingAbandonsTheProbeAndCompletesTheWatch()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        var completed = false;
        using var command = harness.Monitor.WatchCommand(VirtualClock.At(0)).Subscribe(harness.Verdicts.Add, () => completed = true);
        var healthCompleted = false;
        using var health = harness.Monitor.Health.Subscribe(_ => { }, () => healthCompleted = true);
        harness.Clock.Run(37, harness.Monitor.Dispose);

        harness.Clock.AdvanceTo(200);

        Assert.Equal([30.0, 35.0], harness.ProbeStartSeconds());
        Assert.Equal(2, harness.Prober.AbandonedProbes);
        Assert.True(harness.Prober.IsDisposed);
        Assert.True(completed);
        Assert.True(healthCompleted);
        Assert.Empty(harness.Verdicts);
        Assert.False(harness.Monitor.IsProbing);
    }

    [Fact]
    public void Dispose_DuringGracePeriod_NoProbeEverStarts()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        using var command = harness.StartCommand(0);
        harness.Clock.Run(10, harness.Monitor.Dispose);

        harness.Clock.AdvanceTo(200);

        Assert.Empty(harness.Prober.ProbeStarts);
    }

    [Fact]
    public void WatchCommand_AfterDispose_FailsWithObjectDisposed()
    {
        using var harness = new MonitorHarness(FailureDetectionSettings.Default, SimulatedAnswer.Never);
        harness.Monitor.Dispose();
        Exception? error = null;

        using var command = harness.Monitor.WatchCommand().Subscribe(_ => { }, e => error = e);

        Assert.IsType<ObjectDisposedException>(error);
    }
}
