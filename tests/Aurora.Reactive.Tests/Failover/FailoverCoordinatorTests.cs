using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Failover;

public sealed class FailoverCoordinatorTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void FailOverAsync_WriterCrashedAndPromotedElsewhere_LandsOnTheNewWriterItVerified()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        harness.Cluster.Failover("instance-2");

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(Second);

        Assert.True(failover.IsCompletedSuccessfully);
        Assert.True(failover.Done().Succeeded);
        Assert.Equal("instance-2", failover.Done().Host!.InstanceId);
        Assert.Equal(HostRole.Writer, failover.Done().Host!.Role);
        Assert.False(((SimulatedDbConnection)failover.Done().Connection!).IsDisposed);
    }

    [Fact]
    public void FailOverAsync_FiftyConnectionsFailingTogether_ShareOneSearchAndABoundedNumberOfTopologyReads()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        var readsBefore = harness.TopologyReads;
        harness.Crash("instance-1");

        var failovers = Enumerable.Range(0, 50).Select(_ => harness.FailOver(harness.Writer("instance-1"))).ToList();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));
        harness.Cluster.Failover("instance-2");
        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));

        Assert.All(failovers, f => Assert.Equal("instance-2", f.Done().Host?.InstanceId));
        Assert.Equal(50, failovers.Select(f => f.Done().Connection).Distinct().Count());
        Assert.Equal(1, harness.Coordinator.SearchCount);

        // One search retries the old writer at t=0 and t=2 s and finds instance-2; the 49 others connect there once each.
        Assert.Equal(2 + 1 + 49, harness.Connector.AttemptCount);

        // The shared monitor reads at the fast pace whatever the number of connections: 5 s at 100 ms.
        Assert.InRange(harness.TopologyReads - readsBefore, 1, 5 * 10 + 5);
    }

    [Fact]
    public void FailOverAsync_ThreeTimesOnTheSameCluster_EachWorksLikeTheFirst()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        var path = new List<string>();
        var current = "instance-1";
        foreach (var next in new[] { "instance-2", "instance-3", "instance-1" })
        {
            harness.Cluster.Node(next).Failure = null;
            harness.Crash(current);
            harness.Cluster.Failover(next);
            var failover = harness.FailOver(harness.Writer(current));
            scheduler.AdvanceBy(Second);
            path.Add(failover.Done().Host!.InstanceId!);
            current = next;
        }

        Assert.Equal(["instance-2", "instance-3", "instance-1"], path);
        Assert.Equal(3, harness.Coordinator.SearchCount);
    }

    // The third switchover of WriterFailoverTests failed this way on the real cluster: the topology already named the new
    // writer, the pooled connection to it (left from before the node restarted) failed at once, and that failure reached
    // the policy before it had subscribed to attempt results, so no retry was ever decided and the failover ran to its timeout.
    [Fact]
    public void FailOverAsync_FirstAttemptOnTheKnownWriterFailsAtOnce_RetriedAfterTheReconnectInterval()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        harness.Cluster.Failover("instance-2");
        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(Second);
        harness.Connector.StalePooledConnections("instance-2", 1);

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(FailoverTiming.Default.WriterReconnectInterval + Second);

        Assert.True(failover.IsCompletedSuccessfully, "the failover is still running after the reconnect interval");
        Assert.Equal("instance-2", failover.Done().Host!.InstanceId);
        // The TestScheduler runs work scheduled for "now" one tick later: the retry lands a few ticks after the interval.
        Assert.InRange(harness.Reports.Single().Duration, FailoverTiming.Default.WriterReconnectInterval, FailoverTiming.Default.WriterReconnectInterval + TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void FailOverAsync_NoWriterEver_FailsAtTheFailoverTimeoutWithNoConnectionLeftOpen()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, timing: new FailoverTiming { Timeout = TimeSpan.FromSeconds(10) });
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));

        // The old writer comes back as a reader: it is connected to, asked, refused and closed.
        harness.Cluster.Node("instance-1").Failure = null;
        harness.Cluster.Node("instance-1").IsReader = true;
        scheduler.AdvanceBy(TimeSpan.FromSeconds(6.9));
        Assert.False(failover.IsCompleted);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(0.1));

        Assert.True(failover.IsCompletedSuccessfully);
        Assert.False(failover.Done().Succeeded);
        Assert.Contains("10 s", failover.Done().FailureMessage);
        Assert.NotEmpty(harness.Connector.Opened);
        Assert.Equal(0, harness.Connector.OpenConnections);
        Assert.False(harness.Reports.Single().Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(10), harness.Reports.Single().Duration);
    }

    [Fact]
    public void WriterChange_ConnectionsBelievedOnTheOldWriter_AreReportedLostAndOthersAreNot()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        var onOldWriter = new SimulatedLogicalConnection(harness.Writer("instance-1"));
        var onClusterEndpoint = new SimulatedLogicalConnection(new HostSpec("cluster.test", 5432, role: HostRole.Writer));
        var onReader = new SimulatedLogicalConnection(harness.Reader("instance-3"));
        var detached = new SimulatedLogicalConnection(harness.Writer("instance-1"));
        harness.Coordinator.Attach(onOldWriter);
        harness.Coordinator.Attach(onClusterEndpoint);
        harness.Coordinator.Attach(onReader);
        harness.Coordinator.Attach(detached);
        harness.Coordinator.Detach(detached);

        harness.Cluster.Failover("instance-2");
        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(Second);

        var reason = Assert.IsType<WriterChangedException>(Assert.Single(onOldWriter.LossReports).Reason);
        Assert.Equal("instance-2", reason.NewWriter.InstanceId);
        Assert.Single(onClusterEndpoint.LossReports);
        Assert.Empty(onReader.LossReports);
        Assert.Empty(detached.LossReports);
        Assert.Equal(1, harness.Coordinator.WriterChangeCount);
    }

    [Fact]
    public void FirstSnapshotListsTheConnectionsWriterAsAReader_ConnectionReportedLost_EndpointConnectionNot()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        var onOldWriter = new SimulatedLogicalConnection(new HostSpec(harness.Writer("instance-1").Host, harness.Writer("instance-1").Port, role: HostRole.Writer));
        var onClusterEndpoint = new SimulatedLogicalConnection(new HostSpec("cluster.test", 5432, role: HostRole.Writer));
        harness.Coordinator.Attach(onOldWriter);
        harness.Coordinator.Attach(onClusterEndpoint);

        harness.Cluster.Failover("instance-2");
        scheduler.AdvanceBy(Second);

        var reason = Assert.IsType<WriterChangedException>(Assert.Single(onOldWriter.LossReports).Reason);
        Assert.Equal("instance-2", reason.NewWriter.InstanceId);
        Assert.Empty(onClusterEndpoint.LossReports);
        Assert.Equal(0, harness.Coordinator.WriterChangeCount);
    }

    [Fact]
    public void WriterWatch_ConnectionThroughAnEndpointThatLearnedTheWritersId_IsOnTheWriterUntilItChanges()
    {
        // What DbFailoverConnector gives a connection opened through the cluster endpoint: the endpoint's address, the node's id.
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        var throughEndpoint = new SimulatedLogicalConnection(new HostSpec("cluster.test", 5432, "instance-1", HostRole.Writer));
        harness.Coordinator.Attach(throughEndpoint);
        scheduler.AdvanceBy(Second);
        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(Second);

        Assert.Empty(throughEndpoint.LossReports);

        harness.Cluster.Failover("instance-2");
        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(Second);

        var reason = Assert.IsType<WriterChangedException>(Assert.Single(throughEndpoint.LossReports).Reason);
        Assert.Equal("instance-1", reason.OldWriter.InstanceId);
        Assert.Equal("instance-2", reason.NewWriter.InstanceId);
    }

    [Fact]
    public void Dispose_WhileAFailoverRuns_EndsItWithAFailure()
    {
        var scheduler = new TestScheduler();
        var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(Second);

        harness.Dispose();

        Assert.True(failover.IsCompletedSuccessfully);
        Assert.False(failover.Done().Succeeded);
        Assert.Contains("disposed", failover.Done().FailureMessage);
        var late = harness.FailOver(harness.Writer("instance-1"));
        Assert.False(late.Done().Succeeded);
    }

    [Fact]
    public void FailOverAsync_FrozenOldWriter_DoesNotHoldUpTheNewWriter()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Cluster.Node("instance-1").NeverAnswers = true;

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));
        Assert.False(failover.IsCompleted);
        harness.Cluster.Failover("instance-3");
        scheduler.AdvanceBy(TimeSpan.FromSeconds(4));

        Assert.Equal("instance-3", failover.Done().Host?.InstanceId);
    }
}
