using System.Reactive.Concurrency;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorFailureTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void FailingIterations_LoopCarriesOnWithBackoffAndKeepsLastGoodSnapshot()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(1), () => h.Cluster.Nodes.ToList().ForEach(n => n.Failure = new InvalidOperationException($"{n.InstanceId} is down")));
        h.Scheduler.Schedule(MonitorHarness.Start + S(50), () => h.Cluster.Nodes.ToList().ForEach(n => n.Failure = null));

        h.AdvanceTo(S(50));

        var probes = h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes).Select(h.SinceStart);
        // Each round re-asks the nodes for the operation timeout (3 s), then backs off 200, 400, 800, 1600 ms...
        Assert.Equal([S(30.1), S(33.3), S(36.7), S(40.5), S(45.1)], probes);
        Assert.Contains(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.Contains("instance-1 is down", StringComparison.Ordinal));
        Assert.Equal(MonitorHarness.Start, monitor.Current!.ReadAt);
        Assert.Null(monitor.MonitoringNode);

        h.AdvanceTo(S(51.3));
        Assert.Single(h.Snapshots);
        Assert.Equal(MonitorHarness.Start + S(51.3), monitor.Current.ReadAt);
        Assert.Equal("instance-1", monitor.MonitoringNode!.InstanceId);

        h.AdvanceTo(S(81.3));
        Assert.Equal(MonitorHarness.Start + S(81.3), monitor.Current.ReadAt);
        Assert.Equal(TopologyRefreshMode.Slow, monitor.Mode);
    }
}
