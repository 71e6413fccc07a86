using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// The ADO.NET probers against a real node that freezes, crashes or loses its network, on the real clock.
/// Each test prints the measured time to "dead" next to the configured bound.
/// </summary>
public sealed class ProberFaultTests(ITestOutputHelper output) : SingleNodeClusterTest
{
    private static readonly FailureDetectionSettings Settings = FailureDetectionSettings.FromMilliseconds(3000, 1000, 2);

    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task Freeze_AtCommandStart_DeadAtTimePlusCountIntervals(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        var node = Cluster.Writer;
        using var registry = Registry(method, node);
        var log = new ProbeLog();
        using var logging = registry.Probes.Subscribe(log);
        var startedAt = DateTimeOffset.UtcNow;
        var verdict = registry.WatchCommand(MonitoringNode.Host(node), Settings, startedAt).FirstAsync().ToTask();
        await Cluster.FreezeAsync(node);
        try
        {
            var dead = await verdict.WaitAsync(Settings.DeadAfterFrozen + TimeSpan.FromSeconds(15));

            output.WriteLine($"{method}, frozen at the command's start, {Settings}: dead {dead.SinceCommandStart.TotalMilliseconds:0} ms after the start; bound time + count x interval = {Settings.DeadAfterFrozen.TotalMilliseconds:0} ms");
            output.WriteLine(log.Describe(startedAt, "the command's start"));
            Assert.False(dead.FromSharedHealth);
            Assert.Equal(Settings.Count, dead.FailedProbes);
            Assert.True(dead.SinceCommandStart >= Settings.Time, $"declared dead after {dead.SinceCommandStart}, before the window opened at {Settings.Time}");
            // The monitor's bound, on its scheduler, is the only one (the driver's timeouts lie past it): a frozen node's
            // probes time out. A refused or reset probe, or a driver timeout racing the bound, fails this.
            Assert.All(log.Snapshot(), p => Assert.True(
                p.Outcome == ProbeOutcome.TimedOut,
                $"probe {p.Outcome} ({p.Error?.GetType().Name}: {p.Error?.Message}) is not a probe left unanswered"));
        }
        finally
        {
            await Cluster.ThawAsync(node);
        }
    }

    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task Freeze_WhileProbing_DeadWithinOneIntervalPlusCountIntervals(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        var settings = FailureDetectionSettings.FromMilliseconds(0, 1000, 2);
        var node = Cluster.Writer;
        using var registry = Registry(method, node);
        var log = new ProbeLog();
        using var logging = registry.Probes.Subscribe(log);
        var verdict = registry.WatchCommand(MonitoringNode.Host(node), settings).FirstAsync().ToTask();
        await registry.Probes.Where(p => p.Succeeded).Take(2).ToTask().WaitAsync(TimeSpan.FromSeconds(20));
        var frozenAt = DateTimeOffset.UtcNow;
        await Cluster.FreezeAsync(node);
        try
        {
            var dead = await verdict.WaitAsync(TimeSpan.FromSeconds(20));
            var bound = settings.Interval + (settings.Interval * (settings.Count - 1)) + settings.ProbeTimeout;

            output.WriteLine($"{method}, frozen while probing, {settings}: dead {(dead.DeclaredAt - frozenAt).TotalMilliseconds:0} ms after the freeze; bound one interval (to the next probe) + (count - 1) x interval + probe timeout = {bound.TotalMilliseconds:0} ms");
            output.WriteLine(log.Describe(frozenAt, "the freeze"));
            Assert.Equal(settings.Count, dead.FailedProbes);
            Assert.Contains(log.Snapshot(), p => p.Succeeded && p.StartedAt < frozenAt);
        }
        finally
        {
            await Cluster.ThawAsync(node);
        }
    }

    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task Crash_AtCommandStart_ProbesFailFastAndTheHostIsDead(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        var node = Cluster.Writer;
        using var registry = Registry(method, node);
        var log = new ProbeLog();
        using var logging = registry.Probes.Subscribe(log);
        var startedAt = DateTimeOffset.UtcNow;
        var verdict = registry.WatchCommand(MonitoringNode.Host(node), Settings, startedAt).FirstAsync().ToTask();
        await Cluster.CrashAsync(node);

        var dead = await verdict.WaitAsync(Settings.DeadAfterFrozen + TimeSpan.FromSeconds(15));

        var fastBound = Settings.Time + (Settings.Interval * (Settings.Count - 1));
        output.WriteLine($"{method}, crashed at the command's start, {Settings}: dead {dead.SinceCommandStart.TotalMilliseconds:0} ms after the start; fast failures: time + (count - 1) x interval = {fastBound.TotalMilliseconds:0} ms, bound {Settings.DeadAfterFrozen.TotalMilliseconds:0} ms");
        output.WriteLine(log.Describe(startedAt, "the command's start"));
        Assert.Equal(Settings.Count, dead.FailedProbes);
        Assert.All(log.Snapshot(), p => Assert.Equal(ProbeOutcome.Failed, p.Outcome));
    }

    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task NetworkBlackholed_AtCommandStart_DeadAtTimePlusCountIntervals(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        var node = Cluster.Writer;
        using var registry = Registry(method, node);
        var log = new ProbeLog();
        using var logging = registry.Probes.Subscribe(log);
        var startedAt = DateTimeOffset.UtcNow;
        var verdict = registry.WatchCommand(MonitoringNode.Host(node), Settings, startedAt).FirstAsync().ToTask();
        await Cluster.CutNetworkAsync(node, NetworkCutMode.Blackhole);
        try
        {
            var dead = await verdict.WaitAsync(Settings.DeadAfterFrozen + TimeSpan.FromSeconds(15));

            output.WriteLine($"{method}, network blackholed at the command's start, {Settings}: dead {dead.SinceCommandStart.TotalMilliseconds:0} ms after the start; bound {Settings.DeadAfterFrozen.TotalMilliseconds:0} ms");
            output.WriteLine(log.Describe(startedAt, "the command's start"));
            Assert.Equal(Settings.Count, dead.FailedProbes);
            Assert.All(log.Snapshot(), p => Assert.False(p.Succeeded));
        }
        finally
        {
            await Cluster.RestoreNetworkAsync(node);
        }
    }

    private static HostMonitorRegistry Registry(ProbeMethod method, LocalPostgresNode node) =>
        new((_, _) => HostProbers.Create(method, MonitoringNode.Opener(node)), DefaultScheduler.Instance);
}
