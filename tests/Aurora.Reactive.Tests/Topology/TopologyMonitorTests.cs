using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    [Fact]
    public void Start_FirstRead_EmitsSnapshotThroughFirstSeed()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.StartMonitor();

        h.RunDue();

        var snapshot = Assert.Single(h.Snapshots);
        Assert.Equal("instance-1", snapshot.Writer!.InstanceId);
        Assert.Equal(["instance-2", "instance-3"], snapshot.Readers.Select(r => r.InstanceId));
        Assert.Equal("instance-1.cluster.test", snapshot.ReadFrom!.Host);
        Assert.Equal(1, h.Cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void Polling_SameShapeWithNewMetrics_EmitsOnlyOnceButRefreshesEveryInterval()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.StartMonitor();

        h.AdvanceTo(Slow * 3);

        Assert.Single(h.Snapshots);
        Assert.Equal(4, h.Cluster.Node("instance-1").TopologyReads);
        Assert.Equal(4, h.EventsOf(TopologyMonitorEventKind.Refreshed).Count());
        Assert.Equal(MonitorHarness.Start + Slow * 3, h.Monitor.Current!.ReadAt);
        Assert.Equal(MonitorHarness.Start, h.Snapshots[0].ReadAt);
    }

    [Fact]
    public void Polling_SlowMode_ReadsExactlyEverySlowInterval()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.StartMonitor();

        h.AdvanceTo(Slow - TimeSpan.FromTicks(1));
        Assert.Equal(1, h.Cluster.Node("instance-1").TopologyReads);
        h.AdvanceTo(Slow);
        Assert.Equal(2, h.Cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void Snapshots_LateSubscriber_GetsLatestAtOnce()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow);

        var late = new List<TopologySnapshot>();
        using var _ = monitor.Snapshots.Subscribe(late.Add);

        Assert.Equal("instance-2", Assert.Single(late).Writer!.InstanceId);
    }

    [Fact]
    public void Polling_WriterChangesTwice_EmitsEachChangeInOrder()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.StartMonitor();
        h.RunDue();

        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow);
        h.Cluster.Failover("instance-3");
        h.AdvanceTo(Slow + TimeSpan.FromSeconds(1));

        Assert.Equal(["instance-1", "instance-2", "instance-3"], h.Snapshots.Select(s => s.Writer!.InstanceId));
        Assert.Equal(["instance-1", "instance-2"], h.Snapshots[2].Readers.Select(r => r.InstanceId).Order());
    }

    [Fact]
    public void Polling_StaleReaderRow_LeftOutAndReported()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var now = MonitorHarness.Start;
        h.Cluster.Publish([
            new TopologyRow("instance-1", true, 1, 0, now),
            new TopologyRow("instance-2", false, 1, 0, now.AddSeconds(-301)),
            new TopologyRow("instance-3", false, 1, 0, now.AddSeconds(-5)),
        ]);
        h.StartMonitor();

        h.RunDue();

        Assert.Equal(["instance-3"], h.Snapshots[0].Readers.Select(r => r.InstanceId));
        var rejected = Assert.Single(h.EventsOf(TopologyMonitorEventKind.RowRejected));
        Assert.Contains("instance-2", rejected.Message, StringComparison.Ordinal);

        h.AdvanceTo(TimeSpan.FromSeconds(60));
        Assert.Single(h.EventsOf(TopologyMonitorEventKind.RowRejected));
        h.Cluster.Publish(null);
        h.AdvanceTo(TimeSpan.FromSeconds(90));
        h.Cluster.Publish([new TopologyRow("instance-1", true, 1, 0, h.Scheduler.Now), new TopologyRow("instance-3", false, 1, 0, h.Scheduler.Now.AddSeconds(-400))]);
        h.AdvanceTo(TimeSpan.FromSeconds(120));
        Assert.Equal(["instance-2", "instance-3"], h.EventsOf(TopologyMonitorEventKind.RowRejected).Select(e => e.Message.Split('\'')[1]));
    }

    [Fact]
    public void Polling_TwoWriterRows_NewestWriterIsEmitted()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var now = MonitorHarness.Start;
        h.Cluster.Publish([
            new TopologyRow("instance-1", true, 1, 0, now.AddSeconds(-10)),
            new TopologyRow("instance-2", true, 1, 0, now.AddSeconds(-1)),
            new TopologyRow("instance-3", false, 1, 0, now),
        ]);
        h.StartMonitor();

        h.RunDue();

        Assert.Equal("instance-2", h.WriterId(0));
        Assert.Equal(["instance-3"], h.Snapshots[0].Readers.Select(r => r.InstanceId));
    }

    [Fact]
    public void Dispose_StopsPollingCancelsInFlightAndCompletes()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.Cluster.Node("instance-1").Delay = TimeSpan.FromSeconds(1);
        var monitor = h.StartMonitor();
        h.AdvanceTo(Slow + TimeSpan.FromMilliseconds(1500));
        Assert.Equal(1, h.Cluster.ActiveOperations);
        Assert.Equal(2, h.Cluster.Node("instance-1").TopologyReads);
        var reads = h.Cluster.Node("instance-1").TopologyReads;

        monitor.Dispose();
        h.AdvanceTo(Slow * 10);

        Assert.Equal(0, h.Cluster.ActiveOperations);
        Assert.Equal(reads, h.Cluster.Node("instance-1").TopologyReads);
        Assert.True(h.SnapshotsCompleted);
        Assert.True(monitor.IsDisposed);
        monitor.RequestFastRefresh();
        h.Advance(Slow);
        Assert.Equal(reads, h.Cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void Constructor_NoSeedHosts_ThrowsNamingTheArgument()
    {
        using var h = new MonitorHarness();

        var error = Assert.Throws<ArgumentException>(() => h.StartMonitor(seeds: []));

        Assert.Equal("seedHosts", error.ParamName);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingTheOption()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.Options = new TopologyMonitorOptions { FastRefreshInterval = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => h.StartMonitor());

        Assert.Equal("FastRefreshInterval", error.ParamName);
    }
}
