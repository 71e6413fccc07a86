using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>Failovers of connections made through the emulated cluster and reader endpoints, and to readers.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class EndpointFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConnectedThroughClusterEndpoint_FailsOverBeforeItRepoints_NewWriterReachedByTopology()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2, EndpointRepointDelay = TimeSpan.FromSeconds(30) }, entry: c => c.WriterConnectionString);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var endpointPort = kit.Cluster.WriterEndpoint.Port;

        var clock = Stopwatch.StartNew();
        kit.Note("crashing the writer");
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Crash);
        try
        {
            var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
            var instance = await KitDataSource.InstanceIdAsync(connection);
            output.WriteLine($"through the cluster endpoint (re-points after 30 s): fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

            var newWriter = await failover;
            Assert.Equal(newWriter.InstanceId, instance);
            Assert.Equal(endpointPort, error.OldHost!.Port);
            Assert.Equal(newWriter.Port, error.NewHost!.Port);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the stale endpoint was not followed");
        }
        finally
        {
            output.WriteLine(kit.Trace);
        }
    }

    [Fact]
    public async Task ConnectedThroughReaderEndpoint_ReaderCrashes_MovesToAnotherNode()
    {
        // An IP endpoint cannot be recognized as a reader endpoint, so the mode the cluster-ro- default gives is named.
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "failover_mode=reader_or_writer", c => c.ReaderConnectionString);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var reader = kit.Cluster.Node(await KitDataSource.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var crash = kit.Cluster.CrashAsync(reader);
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        await crash;
        output.WriteLine($"reader endpoint, reader crash: fault -> first statement on another node {clock.ElapsedMilliseconds} ms");

        Assert.NotEqual(reader.InstanceId, instance);
        Assert.Equal(instance, error.NewHost!.InstanceId);
    }

    [Fact]
    public async Task StrictReader_ReaderCrashes_MovesToTheOtherReaderOnly()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "failover_mode=strict_reader", c => c.Readers[0].ConnectionString);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var reader = kit.Cluster.Readers[0];
        Assert.Equal(reader.InstanceId, await KitDataSource.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var crash = kit.Cluster.CrashAsync(reader);
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        await crash;
        output.WriteLine($"strict reader, reader crash: fault -> first statement on the other reader {clock.ElapsedMilliseconds} ms");

        Assert.Equal(kit.Cluster.Readers[1].InstanceId, instance);
        Assert.Equal(HostRole.Reader, error.NewHost!.Role);
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT pg_catalog.pg_is_in_recovery()"));
    }
}
