using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorFastModeTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void RequestFastRefresh_ReadsAtOnceThenEveryFastInterval()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), monitor.RequestFastRefresh);
        var writer = h.Cluster.Node("instance-1");

        h.AdvanceTo(S(10));
        Assert.Equal(2, writer.TopologyReads);
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        h.AdvanceTo(S(10.1) - Tick);
        Assert.Equal(2, writer.TopologyReads);
        h.AdvanceTo(S(10.1));
        Assert.Equal(3, writer.TopologyReads);
        h.AdvanceTo(S(11));
        Assert.Equal(12, writer.TopologyReads);
    }

    [Fact]
    public void FastMode_EndsExactlyWhenTheLingerTimeIsReached_NotBeforeNotAfter()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), monitor.RequestFastRefresh);
        var writer = h.Cluster.Node("instance-1");

        h.AdvanceTo(S(40) - Tick);
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        Assert.Equal(1 + 300, writer.TopologyReads);

        h.AdvanceTo(S(40));
        Assert.Equal(TopologyRefreshMode.Slow, monitor.Mode);
        Assert.Equal(1 + 301, writer.TopologyReads);
        var switches = h.EventsOf(TopologyMonitorEventKind.ModeChanged).ToList();
        Assert.Equal([S(10), S(40)], switches.Select(h.SinceStart));
        Assert.Equal([TopologyRefreshMode.Fast, TopologyRefreshMode.Slow], switches.Select(e => e.Mode!.Value));

        h.AdvanceTo(S(70) - Tick);
        Assert.Equal(1 + 301, writer.TopologyReads);
        h.AdvanceTo(S(70));
        Assert.Equal(1 + 302, writer.TopologyReads);
    }

    [Fact]
    public void Trigger_EachValueRequestsFastMode()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var trigger = new Subject<Unit>();
        var monitor = h.StartMonitor(trigger: trigger);
        h.Scheduler.Schedule(MonitorHarness.Start + S(5), () => trigger.OnNext(Unit.Default));

        h.AdvanceTo(S(5));

        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        Assert.Equal(2, h.Cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void RequestFastRefresh_WhileFast_ExtendsTheWindowWithoutExtraReads()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), monitor.RequestFastRefresh);
        h.Scheduler.Schedule(MonitorHarness.Start + S(20.05), monitor.RequestFastRefresh);

        h.AdvanceTo(S(20.1));
        Assert.Equal(1 + 102, h.Cluster.Node("instance-1").TopologyReads);
        h.AdvanceTo(S(50) - Tick);
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        h.AdvanceTo(S(50.05));
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        h.AdvanceTo(S(50.1));
        Assert.Equal(TopologyRefreshMode.Slow, monitor.Mode);
    }

    [Fact]
    public void ChangeSeenWhileFast_StaysFastForTheLingerAfterTheChange()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), monitor.RequestFastRefresh);
        h.Scheduler.Schedule(MonitorHarness.Start + S(25.05), () => h.Cluster.Failover("instance-3"));

        h.AdvanceTo(S(54));
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        Assert.Equal("instance-3", h.Snapshots[^1].Writer!.InstanceId);
        Assert.Equal(S(25.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));

        h.AdvanceTo(S(55.1));
        Assert.Equal(TopologyRefreshMode.Slow, monitor.Mode);
        Assert.Equal(S(55.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.ModeChanged).Last()));
    }

    [Fact]
    public void WriterChangeSeenWhileSlow_SwitchesToFastMode()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(1), () => h.Cluster.Failover("instance-2"));

        h.AdvanceTo(S(30));

        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        Assert.Equal(S(30), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.ModeChanged).Single()));
        h.AdvanceTo(S(30.1));
        Assert.Equal(3, h.Cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void Options_FastIntervalFromFailoverRefreshRate_IsUsed()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.Options = new TopologyMonitorOptions { FastRefreshInterval = S(1) }.WithFailoverRefreshRate(TimeSpan.FromMilliseconds(250));
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), monitor.RequestFastRefresh);

        h.AdvanceTo(S(11));

        Assert.Equal(1 + 5, h.Cluster.Node("instance-1").TopologyReads);
    }
}
