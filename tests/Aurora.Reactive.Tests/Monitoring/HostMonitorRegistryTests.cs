using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Tests.Monitoring;

public sealed class HostMonitorRegistryTests
{
    private static readonly HostSpec Writer = new("writer.example", 5432, "writer", HostRole.Writer);
    private static readonly HostSpec Reader = new("reader.example", 5432, "reader", HostRole.Reader);
    private static readonly FailureDetectionSettings Defaults = FailureDetectionSettings.Default;

    [Fact]
    public void WatchCommand_TwoCommandsOnOneHost_ShareOneProbeStreamEachCountingFromItsOwnWindow()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.Never);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Writer, Defaults, 2, 1000);

        harness.Clock.AdvanceTo(100);

        var prober = Assert.Single(harness.Probers);
        Assert.Equal([30.0, 35.0, 40.0, 45.0], prober.ProbeStarts.Select(VirtualClock.SecondsOf));
        Assert.Equal([45.0, 50.0], harness.Verdicts.Select(v => VirtualClock.SecondsOf(v.DeclaredAt)));
        Assert.Equal([0.0, 2.0], harness.Verdicts.Select(v => VirtualClock.SecondsOf(v.CommandStartedAt)));
    }

    [Fact]
    public void WatchCommand_ThousandCommandsOnOneHost_OneMonitorOneProberOneProbeStream()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.Never);
        for (var i = 0; i < 1000; i++)
        {
            harness.CommandBetween(Writer, Defaults, i * 0.01, 1000);
        }

        harness.Clock.AdvanceTo(100);

        var prober = Assert.Single(harness.Probers);
        Assert.Equal([30.0, 35.0, 40.0, 45.0, 50.0], prober.ProbeStarts.Select(VirtualClock.SecondsOf));
        Assert.Equal(1000, harness.Verdicts.Count);
        var byTime = harness.Verdicts.GroupBy(v => VirtualClock.SecondsOf(v.DeclaredAt)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, byTime[45]);   // window at 30 s: probes 30, 35, 40
        Assert.Equal(500, byTime[50]); // windows in (30, 35]: probes 35, 40, 45
        Assert.Equal(499, byTime[55]); // windows in (35, 40): probes 40, 45, 50
        Assert.Single(harness.Registry.Monitors);
    }

    [Fact]
    public void WatchCommand_SharedHealthFreshlyUnhealthyAtWindow_ReleasedAtTheWindowWithoutProbing()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.Never);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Writer, Defaults, 16, 1000);

        harness.Clock.AdvanceTo(100);

        Assert.Equal([30.0, 35.0, 40.0], Assert.Single(harness.Probers).ProbeStarts.Select(VirtualClock.SecondsOf));
        var late = harness.Verdicts[1];
        Assert.True(late.FromSharedHealth);
        Assert.Equal(VirtualClock.At(46), late.DeclaredAt);
        Assert.Equal(late.WindowOpenedAt, late.DeclaredAt);
        Assert.Equal(0, late.FailedProbes);
    }

    [Fact]
    public void WatchCommand_SharedHealthUnhealthyButStale_ProbesAgain()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.Never);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Writer, Defaults, 40, 1000);

        harness.Clock.AdvanceTo(100);

        Assert.Equal([30.0, 35.0, 40.0, 70.0, 75.0, 80.0], Assert.Single(harness.Probers).ProbeStarts.Select(VirtualClock.SecondsOf));
        var late = harness.Verdicts[1];
        Assert.False(late.FromSharedHealth);
        Assert.Equal(VirtualClock.At(85), late.DeclaredAt);
    }

    [Fact]
    public void WatchCommand_SameNodeOtherRoleSameSettings_SharesTheMonitor()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.OkAfterMs(1));
        harness.CommandBetween(Writer, Defaults, 0, 100);
        harness.CommandBetween(Writer with { Role = HostRole.Reader }, Defaults, 1, 100);
        harness.CommandBetween(Writer, FailureDetectionSettings.FromMilliseconds(6000, 1000, 1), 1, 100);
        harness.CommandBetween(Reader, Defaults, 1, 100);

        harness.Clock.AdvanceTo(50);

        Assert.Equal(3, harness.Probers.Count);
        Assert.Equal(3, harness.Registry.Monitors.Count);
    }

    [Fact]
    public void WatchCommand_AfterTheMonitorWasDisposedForIdleness_CreatesAFreshMonitor()
    {
        var settings = FailureDetectionSettings.FromMilliseconds(30_000, 5_000, 3, disposalMs: 10_000);
        using var harness = new RegistryHarness(_ => SimulatedAnswer.OkAfterMs(1));
        harness.CommandBetween(Writer, settings, 0, 5);
        harness.CommandBetween(Writer, settings, 20, 25);

        harness.Clock.AdvanceTo(14.999);
        Assert.Single(harness.Registry.Monitors);
        harness.Clock.AdvanceTo(15);
        Assert.Empty(harness.Registry.Monitors);
        harness.Clock.AdvanceTo(40);

        Assert.Equal(2, harness.Probers.Count);
        Assert.True(harness.Probers[0].IsDisposed);
        Assert.True(harness.Probers[1].IsDisposed);
        Assert.Empty(harness.Registry.Monitors);
    }

    [Fact]
    public void Health_TwoHosts_MergesTheHealthOfBoth()
    {
        using var harness = new RegistryHarness(host => host == Writer ? SimulatedAnswer.Never : SimulatedAnswer.OkAfterMs(2));
        var health = new List<HostHealth>();
        using var clusterHealth = harness.Registry.Health.Subscribe(health.Add);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Reader, Defaults, 0, 1000);

        harness.Clock.AdvanceTo(46);

        Assert.Equal(HostHealthStatus.Unhealthy, health.Last(h => h.Host == Writer).Status);
        Assert.Equal(HostHealthStatus.Healthy, health.Last(h => h.Host == Reader).Status);
        Assert.Contains(health, h => h.Host == Writer && h.Status == HostHealthStatus.Suspect);
    }

    [Fact]
    public void Probes_TwoHosts_MergesTheProbesOfBothInCompletionOrder()
    {
        using var harness = new RegistryHarness(host => host == Writer ? SimulatedAnswer.Never : SimulatedAnswer.FailAfterMs(100));
        var probes = new List<ProbeResult>();
        using var clusterProbes = harness.Registry.Probes.Subscribe(probes.Add);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Reader, Defaults, 1, 1000);

        harness.Clock.AdvanceTo(40);

        Assert.Equal(
            [
                ("reader.example", ProbeOutcome.Failed, 31.1),
                ("writer.example", ProbeOutcome.TimedOut, 35.0),
                ("reader.example", ProbeOutcome.Failed, 36.1),
                ("writer.example", ProbeOutcome.TimedOut, 40.0),
            ],
            probes.Select(p => (p.Host.Host, p.Outcome, Math.Round(VirtualClock.SecondsOf(p.CompletedAt), 3))));
    }

    [Fact]
    public void Health_SubscribedLate_StartsWithTheCurrentHealthOfEveryLiveMonitor()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.OkAfterMs(2));
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Reader, Defaults, 0, 1000);
        harness.Clock.AdvanceTo(31);
        var health = new List<HostHealth>();

        using var clusterHealth = harness.Registry.Health.Subscribe(health.Add);

        Assert.Equal(2, health.Count);
        Assert.All(health, h => Assert.Equal(HostHealthStatus.Healthy, h.Status));
    }

    [Fact]
    public void Dispose_StopsEveryMonitorAndFailsLaterWatches()
    {
        using var harness = new RegistryHarness(_ => SimulatedAnswer.Never);
        var healthCompleted = false;
        using var clusterHealth = harness.Registry.Health.Subscribe(_ => { }, () => healthCompleted = true);
        harness.CommandBetween(Writer, Defaults, 0, 1000);
        harness.CommandBetween(Reader, Defaults, 0, 1000);
        harness.Clock.AdvanceTo(31);

        harness.Registry.Dispose();
        harness.Clock.AdvanceTo(200);
        Exception? error = null;
        using var late = harness.Registry.WatchCommand(Writer, Defaults).Subscribe(_ => { }, e => error = e);

        Assert.All(harness.Probers, p => Assert.True(p.IsDisposed));
        Assert.All(harness.Probers, p => Assert.Single(p.ProbeStarts));
        Assert.Empty(harness.Verdicts);
        Assert.True(healthCompleted);
        Assert.IsType<ObjectDisposedException>(error);
    }

    [Fact]
    public void WatchCommand_ProberFactoryThrows_TheWatchFailsAndTheRegistryStaysUsable()
    {
        var calls = 0;
        var clock = new VirtualClock();
        using var registry = new HostMonitorRegistry(
            (_, _) => ++calls == 1 ? throw new InvalidOperationException("no driver") : new SimulatedHostProber(clock.Scheduler, SimulatedAnswer.Never),
            clock.Scheduler);
        Exception? error = null;
        var verdicts = new List<HostDeclaredDead>();

        using var first = registry.WatchCommand(Writer, Defaults).Subscribe(_ => { }, e => error = e);
        using var second = registry.WatchCommand(Writer, Defaults).Subscribe(verdicts.Add);
        clock.AdvanceTo(60);

        Assert.Equal("no driver", error?.Message);
        Assert.Equal(VirtualClock.At(45), Assert.Single(verdicts).DeclaredAt);
    }
}
