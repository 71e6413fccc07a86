using System.Diagnostics;
using System.Reactive.Linq;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>The node named in the connection string is gone before the topology monitor ever read through it.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class EntryNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EntryNodeCrashedBeforeTheFirstRead_MonitorFindsTheClusterThroughTheMappedInstances()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2 });
        var entry = cluster.Readers[0];
        await cluster.CrashAsync(entry);
        var connectionString = AuroraConnectionString.Parse(
            $"{entry.ConnectionString};cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";topology_monitor_disposal_time_ms=0");

        var clock = Stopwatch.StartNew();
        using var coordinator = FailoverCoordinator.Create(connectionString, NpgsqlDriver.Instance)!;
        var snapshot = await coordinator.Topology.Where(s => s.IsWriterKnown).FirstAsync().Timeout(TimeSpan.FromSeconds(30));
        output.WriteLine($"entry node down from the start: first topology with a writer after {clock.ElapsedMilliseconds} ms: {snapshot}");

        Assert.Equal(cluster.Writer.InstanceId, snapshot.Writer!.InstanceId);
        Assert.Contains(snapshot.Readers, r => r.InstanceId == cluster.Readers[1].InstanceId);
    }
}
