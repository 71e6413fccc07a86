using System.Diagnostics;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Topology;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Topology;

// Each test starts and breaks its own cluster, one at a time with the kit's other destructive tests.
[Collection(DestructiveClusterCollection.Name)]
public sealed class TopologyMonitorIntegrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static readonly TopologyMonitorOptions Options = new() { OperationTimeout = TimeSpan.FromSeconds(1) };

    // The control plane publishes only when the test says so, so the publication instant is known.
    private static Task<LocalPostgresCluster> StartClusterAsync() =>
        LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { TopologyPublicationDelay = TimeSpan.FromHours(1) });

    [Fact]
    public async Task Promotion_SeenWithinTheFastRefreshOfItsPublication()
    {
        await using var cluster = await StartClusterAsync();
        using var probe = new MonitorProbe(cluster, AuroraPostgresDialect.Instance, KitNodes.Seeds(cluster), Options);
        await probe.WaitForAsync(s => s.Writer?.InstanceId == "instance-1", Wait, "instance-1 is the writer");

        probe.Monitor.RequestFastRefresh();
        await cluster.PromoteAsync(cluster.Node("instance-2"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(probe.Arrivals);

        var published = Stopwatch.GetTimestamp();
        await cluster.PublishCurrentTopologyAsync();
        var (seen, snapshot) = await probe.WaitForAsync(s => s.Writer?.InstanceId == "instance-2", Wait, "instance-2 is the writer");

        Assert.Equal(["instance-1", "instance-3"], snapshot.Readers.Select(r => r.InstanceId).Order());
        Assert.Equal(TopologyRefreshMode.Fast, probe.Monitor.Mode);
        output.WriteLine($"promotion took {cluster.LastPromotionDuration?.TotalMilliseconds:0} ms; " +
            $"monitor saw the published topology {Stopwatch.GetElapsedTime(published, seen).TotalMilliseconds:0.0} ms after publication " +
            $"(fast refresh interval {Options.FastRefreshInterval.TotalMilliseconds:0} ms)");
    }

    [Fact]
    public async Task FrozenMonitoringNode_MonitorMovesOnToTheWriterAfterTheReadHedgeDelay()
    {
        await using var cluster = await StartClusterAsync();

        // instance-2 is the only seed, so no other node is known to hedge with until the first read through it
        // answers (5 s allowed, as a loaded machine may need to open the connection): it is the monitoring node.
        var options = Options with { OperationTimeout = TimeSpan.FromSeconds(5) };
        using var probe = new MonitorProbe(cluster, AuroraPostgresDialect.Instance, KitNodes.Seeds(cluster, "instance-2"), options);
        await probe.WaitForAsync(s => s.Writer?.InstanceId == "instance-1", Wait, "instance-1 is the writer");
        Assert.Equal("instance-2", probe.Monitor.MonitoringNode!.InstanceId);
        var frozenNode = cluster.Node("instance-2");

        await cluster.FreezeAsync(frozenNode);
        try
        {
            var frozen = Stopwatch.GetTimestamp();
            var eventsBefore = probe.Events.Count;
            probe.Monitor.RequestFastRefresh();
            var moved = await WaitUntilAsync(() => probe.Events.Skip(eventsBefore).Any(e =>
                e.Kind == TopologyMonitorEventKind.Refreshed && e.Snapshot?.ReadFrom?.InstanceId == "instance-1"));
            var movedAfter = Stopwatch.GetElapsedTime(frozen, moved);

            Assert.Equal("instance-1", probe.Monitor.MonitoringNode!.InstanceId);
            Assert.Contains(probe.Events.Skip(eventsBefore), e => e.Kind == TopologyMonitorEventKind.ProbingAllNodes);
            Assert.DoesNotContain(probe.Events.Skip(eventsBefore), e => e.Kind == TopologyMonitorEventKind.Error && e.Error is TimeoutException);
            var refreshesBefore = probe.Events.Count(e => e.Kind == TopologyMonitorEventKind.Refreshed);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var refreshesInOneSecond = probe.Events.Count(e => e.Kind == TopologyMonitorEventKind.Refreshed) - refreshesBefore;
            Assert.True(refreshesInOneSecond >= 2, $"only {refreshesInOneSecond} refreshes in a second after moving on");
            Assert.Single(probe.Arrivals);
            output.WriteLine($"monitoring node frozen; monitor refreshed through the writer {movedAfter.TotalMilliseconds:0} ms later " +
                $"(read hedge delay {options.ReadHedgeDelay!.Value.TotalMilliseconds:0} ms, operation timeout {options.OperationTimeout.TotalMilliseconds:0} ms); then {refreshesInOneSecond} refreshes in 1 s");
            probe.Dispose();
        }
        finally
        {
            await cluster.ThawAsync(frozenNode);
        }

        // Disposed while requests were stuck on the frozen node: once it thaws, none may leave a connection behind.
        var thawed = Stopwatch.GetTimestamp();
        await WaitUntilAsync(async () => await KitNodes.OpenConnectionsAsync(cluster, probe.ApplicationName) == 0);
        output.WriteLine($"monitor disposed while the node was frozen: no connection of it left {Stopwatch.GetElapsedTime(thawed).TotalMilliseconds:0} ms after the thaw");
    }

    [Fact]
    public async Task WriterCrashFailover_NewWriterConfirmedByItselfBeforeTheTopologyIsPublished()
    {
        await using var cluster = await StartClusterAsync();
        using var probe = new MonitorProbe(cluster, AuroraPostgresDialect.Instance, KitNodes.Seeds(cluster), Options);
        await probe.WaitForAsync(s => s.Writer?.InstanceId == "instance-1", Wait, "instance-1 is the writer");

        var started = Stopwatch.GetTimestamp();
        probe.Monitor.RequestFastRefresh();
        await cluster.FailoverAsync(FailoverFault.Crash, cluster.Node("instance-3"));
        var promoted = Stopwatch.GetTimestamp();
        var (seen, snapshot) = await probe.WaitForAsync(s => s.Writer?.InstanceId == "instance-3", Wait, "instance-3 is the writer");

        Assert.Equal("instance-1", Assert.Single(cluster.PublishedTopology, r => r.IsWriter).ServerId);
        Assert.Equal(["instance-2"], snapshot.Readers.Select(r => r.InstanceId));
        Assert.Equal("instance-3", probe.Monitor.MonitoringNode!.InstanceId);
        output.WriteLine($"crash + promotion took {Stopwatch.GetElapsedTime(started, promoted).TotalMilliseconds:0} ms; " +
            $"monitor named the new writer {Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds:0} ms after the crash started, " +
            $"{Stopwatch.GetElapsedTime(promoted, seen).TotalMilliseconds:0} ms after the promotion completed (topology not yet published)");
        await Task.Delay(300);
        foreach (var e in probe.Events.Where(e => e.Kind != TopologyMonitorEventKind.Refreshed))
        {
            output.WriteLine(e.ToString());
        }
    }

    [Fact]
    public async Task PostgresReplicationDialect_RolesFromRealNodes_FollowAPromotion()
    {
        await using var cluster = await StartClusterAsync();
        var hosts = KitNodes.PlainHosts(cluster);
        using var probe = new MonitorProbe(cluster, PostgresReplicationDialect.Instance, hosts, Options);
        var endpoint1 = cluster.Node("instance-1").Endpoint;
        var endpoint2 = cluster.Node("instance-2").Endpoint;
        var endpoint3 = cluster.Node("instance-3").Endpoint;
        var (_, first) = await probe.WaitForAsync(s => s.IsWriterKnown, Wait, "a writer is known");
        Assert.Equal(endpoint1, first.Writer!.InstanceId);
        Assert.Equal(new[] { endpoint2, endpoint3 }.Order(), first.Readers.Select(r => r.InstanceId).Order());

        var started = Stopwatch.GetTimestamp();
        probe.Monitor.RequestFastRefresh();
        await cluster.FailoverAsync(FailoverFault.Crash, cluster.Node("instance-2"));
        var promoted = Stopwatch.GetTimestamp();
        var (seen, _) = await probe.WaitForAsync(s => s.Writer?.InstanceId == endpoint2, Wait, "instance-2 is the writer");

        // The new primary is published as soon as it answers; the readers that had not answered yet follow with the next round.
        var (_, complete) = await probe.WaitForAsync(s => s.Writer?.InstanceId == endpoint2 && s.Readers.Count == 1, Wait, "instance-2 is the writer with its reader");
        Assert.Equal(endpoint3, Assert.Single(complete.Readers).InstanceId);
        output.WriteLine($"replication cluster: crash + promotion took {Stopwatch.GetElapsedTime(started, promoted).TotalMilliseconds:0} ms; " +
            $"monitor named the new primary {Stopwatch.GetElapsedTime(started, seen).TotalMilliseconds:0} ms after the crash started; " +
            $"snapshots: {string.Join(" | ", probe.Arrivals.Select(a => a.Snapshot.Writer?.InstanceId ?? "writer unknown"))}");
    }

    private static Task<long> WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task<long> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"condition not met within {Wait.TotalSeconds} s");
            await Task.Delay(20);
        }

        return Stopwatch.GetTimestamp();
    }
}
