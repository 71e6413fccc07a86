using System.Diagnostics;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(SharedClusterCollection.Name)]
public sealed class NetworkCutTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task CutNetwork_Drop_ResetsOpenConnectionsAndRefusesNewOnes_UntilRestored()
    {
        var node = Cluster.Readers[1];
        await using var open = await Sql.OpenAsync(node.ConnectionString);
        await Cluster.CutNetworkAsync(node, NetworkCutMode.Drop);
        try
        {
            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<int>(open, "SELECT 1"));
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.OpenAsync(node.ConnectionString, timeoutSeconds: 10));
            output.WriteLine($"drop: open connection and new connection both failed within {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a dropped network should fail at once, took {clock.ElapsedMilliseconds} ms");

            Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ServerConnectionString, ReferenceSql.InstanceId));
        }
        finally
        {
            await Cluster.RestoreNetworkAsync(node);
        }

        Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ConnectionString, ReferenceSql.InstanceId));
    }

    [Fact]
    public async Task CutNetwork_Blackhole_HoldsConnectionsSilent_ReplicationGoesOn_UntilRestored()
    {
        var node = Cluster.Readers[1];
        await using var open = await Sql.OpenAsync(node.ConnectionString, timeoutSeconds: 2, commandTimeoutSeconds: 1);
        await Cluster.CutNetworkAsync(node, NetworkCutMode.Blackhole);
        try
        {
            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<int>(open, "SELECT 1"));
            output.WriteLine($"blackhole: query with CommandTimeout=1 failed after {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the query failed after {clock.ElapsedMilliseconds} ms, before the client's timeout");

            clock.Restart();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.OpenAsync(node.ConnectionString, timeoutSeconds: 1));
            output.WriteLine($"blackhole: connect with Timeout=1 failed after {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the connect failed after {clock.ElapsedMilliseconds} ms, before the client's timeout");

            var table = "cut_" + Guid.NewGuid().ToString("N");
            await Sql.ExecuteAsync(Cluster.Writer.ConnectionString, $"CREATE TABLE {table} (v int); INSERT INTO {table} VALUES (1)");
            await Sql.PollAsync(
                async () => await Sql.ScalarAsync<long>(node.ServerConnectionString, $"SELECT count(*) FROM {table}") == 1,
                TimeSpan.FromSeconds(15),
                "replication reaches the cut node");
        }
        finally
        {
            await Cluster.RestoreNetworkAsync(node);
        }

        Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ConnectionString, ReferenceSql.InstanceId));
    }
}
