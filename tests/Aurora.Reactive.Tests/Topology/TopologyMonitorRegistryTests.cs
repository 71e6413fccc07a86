using System.Reactive.Concurrency;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorRegistryTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(60);

    private static (HistoricalScheduler Scheduler, SimulatedCluster Cluster, TopologyMonitorRegistry Registry) Create()
    {
        var scheduler = new HistoricalScheduler(MonitorHarness.Start);
        var cluster = new SimulatedCluster(scheduler);
        cluster.AddNode("instance-1", isReader: false);
        return (scheduler, cluster, new TopologyMonitorRegistry(scheduler, Delay));
    }

    private static Func<TopologyMonitor> Factory(IScheduler scheduler, SimulatedCluster cluster, List<TopologyMonitor> created) => () =>
    {
        var monitor = new TopologyMonitor(cluster, cluster.Nodes.Select(n => n.Host), scheduler);
        created.Add(monitor);
        return monitor;
    };

    [Fact]
    public void Acquire_SameKeyTwice_SharesOneMonitor()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var created = new List<TopologyMonitor>();

        using var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        using var b = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.Same(a.Monitor, b.Monitor);
        Assert.Single(created);
        Assert.Equal(1, cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void Acquire_DifferentKeys_GetDifferentMonitors()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var created = new List<TopologyMonitor>();

        using var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        using var b = registry.Acquire("cluster-b", Factory(scheduler, cluster, created));

        Assert.NotSame(a.Monitor, b.Monitor);
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public void LastLeaseDisposed_MonitorDisposedAtOnceAndStopsReading()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        var completed = false;
        a.Monitor.Snapshots.Subscribe(_ => { }, () => completed = true);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10));

        a.Dispose();

        Assert.True(a.Monitor.IsDisposed);
        Assert.True(completed);
        Assert.Equal(0, registry.Count);
        var reads = cluster.Node("instance-1").TopologyReads;
        scheduler.AdvanceBy(TimeSpan.FromMinutes(10));
        Assert.Equal(reads, cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void LeaseDisposedWhileAnotherHoldsIt_ChangesNothing()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        var b = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        a.Dispose();
        a.Dispose();
        var reads = cluster.Node("instance-1").TopologyReads;
        scheduler.AdvanceBy(Delay + TimeSpan.FromMinutes(1));

        Assert.False(b.Monitor.IsDisposed);
        Assert.Equal(1, registry.Count);
        Assert.True(cluster.Node("instance-1").TopologyReads > reads);

        b.Dispose();
        Assert.True(b.Monitor.IsDisposed);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void LastLeaseReleased_MonitorDisposedExactlyAfterTheDelay()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        var b = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        scheduler.AdvanceTo(MonitorHarness.Start + TimeSpan.FromSeconds(10));

        a.Release();
        b.Release();
        b.Dispose();
        scheduler.AdvanceTo(MonitorHarness.Start + TimeSpan.FromSeconds(10) + Delay - TimeSpan.FromTicks(1));
        Assert.False(a.Monitor.IsDisposed);
        Assert.Equal(1, registry.Count);

        scheduler.AdvanceTo(MonitorHarness.Start + TimeSpan.FromSeconds(10) + Delay);
        Assert.True(a.Monitor.IsDisposed);
        Assert.Equal(0, registry.Count);
        var reads = cluster.Node("instance-1").TopologyReads;
        scheduler.AdvanceBy(TimeSpan.FromMinutes(10));
        Assert.Equal(reads, cluster.Node("instance-1").TopologyReads);
    }

    [Fact]
    public void LastOfSeveralLeasesDecides_ReleasedEarlierThenDisposedLast_DisposesAtOnce()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var a = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        var b = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));

        a.Release();
        Assert.False(b.Monitor.IsDisposed);
        b.Dispose();

        Assert.True(b.Monitor.IsDisposed);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void AcquiredAgainWithinTheDelay_MonitorKeptAndDelayRestartsOnNextRelease()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var created = new List<TopologyMonitor>();
        var first = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        first.Release();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(30));

        var second = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(40));
        Assert.False(second.Monitor.IsDisposed);
        Assert.Same(first.Monitor, second.Monitor);
        Assert.Single(created);

        second.Release();
        scheduler.AdvanceBy(Delay - TimeSpan.FromTicks(1));
        Assert.False(second.Monitor.IsDisposed);
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.True(second.Monitor.IsDisposed);
    }

    [Fact]
    public void AcquiredAgainWithinTheDelayThenDisposed_MonitorDisposedAtOnceAndThePendingDisposalIsVoid()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var created = new List<TopologyMonitor>();
        registry.Acquire("cluster-a", Factory(scheduler, cluster, created)).Release();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(30));

        var owner = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        owner.Dispose();
        Assert.True(owner.Monitor.IsDisposed);

        using var next = registry.Acquire("cluster-a", Factory(scheduler, cluster, created));
        scheduler.AdvanceBy(Delay);
        Assert.Equal(2, created.Count);
        Assert.False(next.Monitor.IsDisposed);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void AcquireAfterDisposal_CreatesAFreshMonitor()
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;
        var first = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));
        first.Dispose();

        using var second = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));

        Assert.NotSame(first.Monitor, second.Monitor);
        Assert.False(second.Monitor.IsDisposed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Acquire_BlankClusterKey_ThrowsNamingTheKey(string key)
    {
        var (scheduler, cluster, registry) = Create();
        using var _ = registry;

        var error = Assert.Throws<ArgumentException>(() => registry.Acquire(key, Factory(scheduler, cluster, [])));

        Assert.Equal("clusterKey", error.ParamName);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_DisposesHeldMonitorsAtOnceAndRefusesNewLeases()
    {
        var (scheduler, cluster, registry) = Create();
        var lease = registry.Acquire("cluster-a", Factory(scheduler, cluster, []));

        registry.Dispose();

        Assert.True(lease.Monitor.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => registry.Acquire("cluster-a", Factory(scheduler, cluster, [])));
        lease.Dispose();
    }

    [Fact]
    public void Constructor_NegativeDelay_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TopologyMonitorRegistry(Scheduler.Default, TimeSpan.FromSeconds(-1)));

        Assert.Equal("disposalDelay", error.ParamName);
    }
}
