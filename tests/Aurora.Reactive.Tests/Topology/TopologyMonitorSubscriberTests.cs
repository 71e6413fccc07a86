using System.Reactive.Concurrency;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorSubscriberTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void SubscriberThrows_LoopCarriesOnAndErrorIsReported()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        using var _ = monitor.Snapshots.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var __ = monitor.Events.Subscribe(_ => throw new InvalidOperationException("events subscriber bug"));

        h.Scheduler.Schedule(MonitorHarness.Start + S(1), () => h.Cluster.Failover("instance-2"));
        h.AdvanceTo(S(60));

        Assert.Equal(["instance-1", "instance-2"], h.Snapshots.Select(s => s.Writer!.InstanceId));
        Assert.Contains(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.Contains("subscriber bug", StringComparison.Ordinal));
        Assert.True(h.Cluster.Node("instance-1").TopologyReads > 100);
    }

    [Fact]
    public void Subscriber_IsCalledOutsideTheLockAndMayCallBackIn()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        var otherThreadGotIn = new List<bool>();
        using var _ = monitor.Snapshots.Subscribe(snapshot =>
        {
            otherThreadGotIn.Add(Task.Run(() => monitor.Current).Wait(TimeSpan.FromSeconds(10)));
            monitor.RequestFastRefresh();
        });

        h.RunDue();

        Assert.Equal([true], otherThreadGotIn);
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
        var kinds = h.Events.Select(e => e.Kind).ToList();
        Assert.Equal([TopologyMonitorEventKind.Refreshed, TopologyMonitorEventKind.Changed, TopologyMonitorEventKind.ModeChanged, TopologyMonitorEventKind.Refreshed], kinds);
    }

    [Fact]
    public void SubscriberThrows_TheSubscribersAfterItStillGetEverySnapshot()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        using var _ = monitor.Snapshots.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        var after = new List<TopologySnapshot>();
        using var __ = monitor.Snapshots.Subscribe(after.Add);

        h.Scheduler.Schedule(MonitorHarness.Start + S(1), () => h.Cluster.Failover("instance-2"));
        h.AdvanceTo(S(60));

        Assert.Equal(["instance-1", "instance-2"], after.Select(s => s.Writer!.InstanceId));
        Assert.Single(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.Contains("subscriber bug", StringComparison.Ordinal));
    }
}
