using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(DestructiveClusterCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Failover_WithDelays_TopologyIsStaleThenPublished_AndEndpointsRepointLate()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions
        {
            TopologyPublicationDelay = TimeSpan.FromSeconds(2),
            EndpointRepointDelay = TimeSpan.FromSeconds(4),
        });
        var oldWriter = cluster.Writer;

        var newWriter = await cluster.FailoverAsync(FailoverFault.Crash);

        output.WriteLine($"failover promoted {newWriter.InstanceId} in {cluster.LastPromotionDuration!.Value.TotalMilliseconds:0} ms");
        Assert.NotSame(oldWriter, newWriter);
        Assert.Equal(LocalNodeState.Crashed, oldWriter.State);
        var stale = await Sql.TopologyAsync(newWriter.ConnectionString);
        Assert.Equal(oldWriter.InstanceId, Assert.Single(stale, r => r.IsWriter).ServerId);
        Assert.Equal([oldWriter.InstanceId], cluster.WriterEndpoint.TargetInstanceIds);
        await Assert.ThrowsAnyAsync<global::Npgsql.NpgsqlException>(() => Sql.OpenAsync(cluster.WriterConnectionString));

        var published = await Sql.PollAsync(
            async () => (await Sql.TopologyAsync(newWriter.ConnectionString)).Single(r => r.IsWriter).ServerId == newWriter.InstanceId,
            TimeSpan.FromSeconds(15),
            "the new writer is published");
        var repointed = await Sql.PollAsync(
            async () => await Sql.ScalarAsync<string>(cluster.WriterConnectionString, ReferenceSql.InstanceId) == newWriter.InstanceId,
            TimeSpan.FromSeconds(15),
            "the writer endpoint reaches the new writer");
        output.WriteLine($"after the promotion: topology published {published.TotalMilliseconds:0} ms later, writer endpoint re-pointed {(published + repointed).TotalMilliseconds:0} ms later");

        var rows = await Sql.TopologyAsync(cluster.Nodes.Single(n => n != oldWriter && n != newWriter).ConnectionString);
        Assert.Equal(newWriter.InstanceId, Assert.Single(rows, r => r.IsWriter).ServerId);
        Assert.Contains(rows, r => r.ServerId == oldWriter.InstanceId && !r.IsWriter);
        Assert.False(await Sql.ScalarAsync<bool>(cluster.WriterConnectionString, ReferenceSql.IsInRecovery));
        Assert.Equal(cluster.Readers.Where(r => r.State == LocalNodeState.Running).Select(r => r.InstanceId), cluster.ReaderEndpoint.TargetInstanceIds);
    }

    [Fact]
    public async Task CrashedWriter_RejoinsAsReader_AndReplicatesFromTheNewWriter()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { EndpointRepointDelay = TimeSpan.Zero });
        var oldWriter = cluster.Writer;
        await Sql.ExecuteAsync(oldWriter.ConnectionString, "CREATE TABLE events (v text); INSERT INTO events VALUES ('one')");
        await cluster.WaitForReplicationAsync();
        var newWriter = await cluster.FailoverAsync(FailoverFault.Crash);
        await Sql.ExecuteAsync(newWriter.ConnectionString, "INSERT INTO events VALUES ('two')");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cluster.RejoinAsReaderAsync(oldWriter);
        output.WriteLine($"crashed old writer rejoined as reader in {clock.ElapsedMilliseconds} ms");

        Assert.Equal((LocalNodeRole.Reader, LocalNodeState.Running), (oldWriter.Role, oldWriter.State));
        Assert.True(await Sql.ScalarAsync<bool>(oldWriter.ConnectionString, ReferenceSql.IsInRecovery));
        await Sql.ExecuteAsync(newWriter.ConnectionString, "INSERT INTO events VALUES ('three')");
        await Sql.PollAsync(
            async () => await Sql.ScalarAsync<long>(oldWriter.ConnectionString, "SELECT count(*) FROM events") == 3,
            TimeSpan.FromSeconds(15),
            "the old writer has every row of the new writer");
        await cluster.WaitForControlPlaneAsync();
        var rows = await Sql.TopologyAsync(oldWriter.ConnectionString);
        Assert.Equal(newWriter.InstanceId, Assert.Single(rows, r => r.IsWriter).ServerId);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task FrozenWriter_FailoverThenRejoin_TheFrozenWriterComesBackAsReader()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1, EndpointRepointDelay = TimeSpan.Zero });
        var oldWriter = cluster.Writer;

        var newWriter = await cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(200));

        Assert.Equal(LocalNodeState.Frozen, oldWriter.State);
        await Sql.ExecuteAsync(newWriter.ConnectionString, "CREATE TABLE after_freeze (v int)");
        await cluster.RejoinAsReaderAsync(oldWriter);
        await Sql.PollAsync(
            async () => await Sql.ScalarAsync<long>(oldWriter.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'after_freeze'") == 1,
            TimeSpan.FromSeconds(15),
            "the rejoined old writer has the new writer's table");
        Assert.Equal(LocalNodeState.Running, oldWriter.State);
    }

    [Fact]
    public async Task Switchover_WithSynchronousReplication_OldWriterFollowsAndNoWriteIsLost()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { SynchronousReplication = true, EndpointRepointDelay = TimeSpan.Zero });
        var oldWriter = cluster.Writer;
        Assert.Equal(
            2L,
            await Sql.ScalarAsync<long>(oldWriter.ConnectionString, "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'quorum'"));
        await Sql.ExecuteAsync(oldWriter.ConnectionString, "CREATE TABLE events (n int); INSERT INTO events SELECT generate_series(1, 1000)");

        var newWriter = await cluster.SwitchoverAsync(cluster.Nodes[2]);

        output.WriteLine($"switchover promotion took {cluster.LastPromotionDuration!.Value.TotalMilliseconds:0} ms");
        Assert.Equal("instance-3", newWriter.InstanceId);
        Assert.Equal(1000L, await Sql.ScalarAsync<long>(newWriter.ConnectionString, "SELECT count(*) FROM events"));
        Assert.True(await Sql.ScalarAsync<bool>(oldWriter.ConnectionString, ReferenceSql.IsInRecovery));
        await Sql.ExecuteAsync(newWriter.ConnectionString, "INSERT INTO events VALUES (1001)");
        foreach (var reader in cluster.Readers)
        {
            await Sql.PollAsync(
                async () => await Sql.ScalarAsync<long>(reader.ConnectionString, "SELECT count(*) FROM events") == 1001,
                TimeSpan.FromSeconds(15),
                $"{reader.InstanceId} follows the new writer");
        }
    }
}
