using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorReplicationTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void NoTopologyQuery_RolesComeFromAskingEveryNode()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.StartMonitor();

        h.RunDue();

        Assert.Equal("instance-1", h.WriterId(0));
        Assert.Equal(["instance-2", "instance-3"], h.Snapshots[0].Readers.Select(r => r.InstanceId).Order());
        Assert.All(h.Cluster.Nodes, n => Assert.Equal(1, n.IdentifyRequests));
        Assert.All(h.Cluster.Nodes, n => Assert.Equal(0, n.TopologyReads));
    }

    [Fact]
    public void PrimaryDiesAndStandbyPromoted_NextRoundNamesTheNewWriter()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").Failure = new InvalidOperationException("connection refused");
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(10.25), () => h.Cluster.Node("instance-3").IsReader = false);

        h.AdvanceTo(S(10.3));

        Assert.Equal(["instance-1", null, "instance-3"], h.Snapshots.Select(s => s.Writer?.InstanceId));
        Assert.Equal(["instance-2", "instance-3"], h.Snapshots[1].Readers.Select(r => r.InstanceId));
        Assert.Equal(["instance-2"], h.Snapshots[2].Readers.Select(r => r.InstanceId));
        Assert.Equal(S(10.3), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
    }

    [Fact]
    public void PrimaryFrozenAndStandbyPromoted_NewWriterPublishedAtTheNextFastInterval_NotAfterTheFrozenNodesTimeout()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        var monitor = h.StartMonitor();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").NeverAnswers = true;
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(11.05), () => h.Cluster.Node("instance-3").IsReader = false);

        h.AdvanceTo(S(11.2));

        // The round started at 10 s waits for the frozen instance-1 until 13 s; meanwhile the readers that answered are
        // asked again every 100 ms (fast mode), so instance-3, promoted at 11.05 s, says writer at 11.1 s and is published
        // then. Before, the round heard instance-3 once (reader), ended at 13 s with no writer, and the next round
        // published instance-3 at 13.1 s: the 3 s a frozen MariaDB writer cost in the failover-mysql benchmark.
        Assert.Equal(["instance-1", "instance-3"], h.Snapshots.Select(s => s.Writer?.InstanceId));
        Assert.Equal(S(11.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
        Assert.Equal("instance-2", Assert.Single(h.Snapshots[1].Readers).InstanceId);
    }

    [Fact]
    public void FastMode_FrozenStandby_TheOthersAreAskedAgainOnlyUntilTheRoundEnds_AndCountOnceInTheSnapshot()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.Cluster.Node("instance-3").NeverAnswers = true;
        var monitor = h.StartMonitor();
        monitor.RequestFastRefresh();

        h.AdvanceTo(S(3));

        // One round from 0 s to the frozen node's 3 s timeout. instance-2 (reader) is asked at 0 s and again every 100 ms
        // until the round ends: 0.1 .. 2.9 s, and the ask due at 3 s is cancelled with the round (31 in all at most).
        // instance-1 said writer: it is not asked again within the round.
        Assert.Equal("instance-1", h.WriterId(0));
        Assert.Equal("instance-2", Assert.Single(h.Snapshots[0].Readers).InstanceId);
        Assert.InRange(h.Cluster.Node("instance-2").IdentifyRequests, 30, 31);
        Assert.Equal(1, h.Cluster.Node("instance-1").IdentifyRequests);
        var asksAtRoundEnd = h.Cluster.Node("instance-2").IdentifyRequests;

        // The next round starts 100 ms later and asks instance-2 once more; nothing of the old round is left asking.
        h.AdvanceTo(S(3.1) + TimeSpan.FromTicks(1));
        Assert.Equal(asksAtRoundEnd + 1, h.Cluster.Node("instance-2").IdentifyRequests);
        Assert.Equal(2, h.Cluster.Node("instance-1").IdentifyRequests);
    }

    [Fact]
    public void SlowMode_FrozenStandby_NobodyIsAskedAgainWithinTheRound()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.Cluster.Node("instance-3").NeverAnswers = true;
        h.StartMonitor();

        h.AdvanceTo(S(3));

        Assert.Equal(1, h.Cluster.Node("instance-2").IdentifyRequests);
        Assert.Equal(1, h.Cluster.Node("instance-1").IdentifyRequests);
    }

    [Fact]
    public void InstancesNamed_TheEntryEndpointIsNeverAskedItsRole_SoItIsNoSecondWriter()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        // A writer endpoint: it forwards to the writer, so asked its role it says writer (under its own address).
        var endpoint = h.Cluster.AddNode("writer-endpoint", isReader: false);
        h.StartMonitor([new HostSpec(endpoint.Host.Host, endpoint.Host.Port), .. h.Cluster.Nodes.Take(3).Select(n => n.Host)]);

        h.RunDue();

        Assert.Equal(0, endpoint.IdentifyRequests);
        Assert.Equal("instance-1", h.WriterId(0));
        Assert.DoesNotContain(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.StartsWith("Several nodes say they are the writer", StringComparison.Ordinal));
    }

    [Fact]
    public void InstancesNamed_AfterAFailover_TheWriterDoesNotAlternateWithTheRePointedEndpoint()
    {
        // The failover-mysql benchmark's held connection: the endpoint, re-pointed to the new writer, answered "writer"
        // under its own address in some rounds and the real node in others, and each flip moved the connection (25 times).
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        var endpoint = h.Cluster.AddNode("writer-endpoint", isReader: false);
        var monitor = h.StartMonitor([new HostSpec(endpoint.Host.Host, endpoint.Host.Port), .. h.Cluster.Nodes.Take(3).Select(n => n.Host)]);
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").Failure = new InvalidOperationException("connection refused");
            h.Cluster.Node("instance-3").IsReader = false;
            monitor.RequestFastRefresh();
        });

        h.AdvanceTo(S(15));

        Assert.Equal(["instance-1", "instance-3"], h.Snapshots.Select(s => s.Writer?.InstanceId));
        Assert.Equal(0, endpoint.IdentifyRequests);
    }

    [Fact]
    public void NoInstancesNamed_EveryGivenHostIsANodeAndIsAsked()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.StartMonitor(h.Cluster.Nodes.Select(n => new HostSpec(n.Host.Host, n.Host.Port)));

        h.RunDue();

        Assert.All(h.Cluster.Nodes, n => Assert.Equal(1, n.IdentifyRequests));
        Assert.Equal("instance-1", h.WriterId(0));
    }

    [Fact]
    public void TwoNodesSayTheyAreTheWriter_WriterUnknownAndReported()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.Cluster.Node("instance-2").IsReader = false;
        h.StartMonitor();

        h.RunDue();

        Assert.False(h.Snapshots[0].IsWriterKnown);
        Assert.Equal("instance-3", Assert.Single(h.Snapshots[0].Readers).InstanceId);
        Assert.Contains(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.StartsWith("Several nodes say they are the writer", StringComparison.Ordinal));
    }

    [Fact]
    public void FrozenStandby_RoundEndsAtTheTimeoutWithTheOtherAnswers()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.Cluster.Node("instance-3").NeverAnswers = true;
        var monitor = h.StartMonitor();

        h.AdvanceTo(S(3) - TimeSpan.FromTicks(1));
        Assert.Empty(h.Snapshots);
        h.AdvanceTo(S(3));

        Assert.Equal("instance-1", h.WriterId(0));
        Assert.Equal("instance-2", Assert.Single(h.Snapshots[0].Readers).InstanceId);
        Assert.IsType<TimeoutException>(Assert.Single(h.EventsOf(TopologyMonitorEventKind.Error)).Error);
        Assert.Equal(0, h.Cluster.ActiveOperations);
        h.AdvanceTo(S(33) + TimeSpan.FromTicks(1));
        Assert.Equal(2, h.Cluster.Node("instance-1").IdentifyRequests);
        Assert.Equal(TopologyRefreshMode.Slow, monitor.Mode);
    }

    [Fact]
    public void NoNodeAnswers_ErrorReportedAndRetriedWithBackoff()
    {
        using var h = new MonitorHarness(supportsTopologyQuery: false).WithThreeNodes();
        h.Cluster.Nodes.ToList().ForEach(n => n.Failure = new InvalidOperationException("refused"));
        h.StartMonitor();

        h.AdvanceTo(S(0.35));

        Assert.Empty(h.Snapshots);
        Assert.Equal([S(0), S(0.1), S(0.3)], h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes).Select(h.SinceStart));
        Assert.Equal(3, h.EventsOf(TopologyMonitorEventKind.Error).Count(e => e.Message.StartsWith("No node answered", StringComparison.Ordinal)));
    }
}
