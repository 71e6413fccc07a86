using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorWriterChangeTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    [Fact]
    public void WriterChanges_FirstSnapshot_EmitsNothing()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var changes = new List<WriterChange>();
        using var _ = h.StartMonitor().WriterChanges.Subscribe(changes.Add);

        h.RunDue();

        Assert.Single(h.Snapshots);
        Assert.Empty(changes);
    }

    [Fact]
    public void WriterChanges_WriterChangesTwice_EmitsEachFromTheFormerWriterWithItsSnapshot()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var changes = new List<WriterChange>();
        using var _ = h.StartMonitor().WriterChanges.Subscribe(changes.Add);
        h.RunDue();

        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow);
        h.Cluster.Failover("instance-3");
        h.AdvanceTo(Slow + TimeSpan.FromSeconds(1));

        Assert.Equal([("instance-1", "instance-2"), ("instance-2", "instance-3")], changes.Select(c => (c.Former.InstanceId, c.Current.InstanceId)));
        Assert.Equal([h.Snapshots[1], h.Snapshots[2]], changes.Select(c => c.Snapshot));
    }

    [Fact]
    public void WriterChanges_ReadersChangeButTheWriterStays_EmitsNothing()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var changes = new List<WriterChange>();
        using var _ = h.StartMonitor().WriterChanges.Subscribe(changes.Add);
        h.RunDue();

        h.Cluster.Publish([new TopologyRow("instance-1", true, 5, 0, h.Scheduler.Now), new TopologyRow("instance-2", false, 5, 10, h.Scheduler.Now)]);
        h.AdvanceTo(Slow);

        Assert.Equal(2, h.Snapshots.Count);
        Assert.Empty(changes);
    }

    [Fact]
    public void WriterChanges_WriterUnknownInBetween_ComparesWithTheLastWriterNamed()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var changes = new List<WriterChange>();
        using var _ = h.StartMonitor().WriterChanges.Subscribe(changes.Add);
        h.RunDue();

        h.Cluster.Publish([new TopologyRow("instance-2", false, 5, 10, h.Scheduler.Now), new TopologyRow("instance-3", false, 5, 10, h.Scheduler.Now)]);
        h.AdvanceTo(Slow);
        var unknown = h.Snapshots.Count;
        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow + TimeSpan.FromSeconds(1));
        h.Cluster.Publish([new TopologyRow("instance-1", false, 5, 10, h.Scheduler.Now), new TopologyRow("instance-3", false, 5, 10, h.Scheduler.Now)]);
        h.AdvanceTo(Slow + TimeSpan.FromSeconds(2));
        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow + TimeSpan.FromSeconds(3));

        Assert.Null(h.Snapshots[unknown - 1].Writer);
        Assert.Equal("instance-2", h.Snapshots[unknown].Writer!.InstanceId);
        Assert.Null(h.Snapshots[unknown + 1].Writer);
        Assert.Equal(h.Snapshots.Count, unknown + 3);
        Assert.Equal([("instance-1", "instance-2")], changes.Select(c => (c.Former.InstanceId, c.Current.InstanceId)));
    }

    [Fact]
    public void WriterChanges_Delivered_AfterTheSnapshotThatNamesTheNewWriter()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var order = new List<string>();
        var monitor = h.StartMonitor();
        using var snapshots = monitor.Snapshots.Subscribe(s => order.Add($"snapshot {s.Writer?.InstanceId}"));
        using var changes = monitor.WriterChanges.Subscribe(c => order.Add($"change {c.Current.InstanceId}"));
        h.RunDue();

        h.Cluster.Failover("instance-2");
        h.AdvanceTo(Slow);

        Assert.Equal(["snapshot instance-1", "snapshot instance-2", "change instance-2"], order);
    }

    [Fact]
    public void WriterChanges_Dispose_Completes()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var completed = false;
        using var _ = h.StartMonitor().WriterChanges.Subscribe(_ => { }, () => completed = true);

        h.Monitor.Dispose();

        Assert.True(completed);
    }
}
