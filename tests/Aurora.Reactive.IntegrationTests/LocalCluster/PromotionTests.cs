using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(DestructiveClusterCollection.Name)]
public sealed class PromotionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Promote_MakesTheStandbyWritable_AndTheOtherStandbyFollowsIt()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { EndpointRepointDelay = TimeSpan.Zero });
        output.WriteLine($"3-node cluster started in {cluster.StartupDuration.TotalMilliseconds:0} ms");
        await Sql.ExecuteAsync(cluster.Writer.ConnectionString, "CREATE TABLE events (v text); INSERT INTO events VALUES ('before')");
        await cluster.WaitForReplicationAsync();
        var (oldWriter, promoted, follower) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        await cluster.CrashAsync(oldWriter);

        await cluster.PromoteAsync(promoted);

        output.WriteLine($"promotion took {cluster.LastPromotionDuration!.Value.TotalMilliseconds:0} ms");
        Assert.Same(promoted, cluster.Writer);
        Assert.False(await Sql.ScalarAsync<bool>(promoted.ConnectionString, ReferenceSql.IsInRecovery));
        await Sql.ExecuteAsync(promoted.ConnectionString, "INSERT INTO events VALUES ('after')");
        var took = await Sql.PollAsync(
            async () => await Sql.ScalarAsync<long>(follower.ConnectionString, "SELECT count(*) FROM events WHERE v = 'after'") == 1,
            TimeSpan.FromSeconds(30),
            $"{follower.InstanceId} follows {promoted.InstanceId}");
        output.WriteLine($"{follower.InstanceId} had the new writer's row after {took.TotalMilliseconds:0} ms");
        Assert.True(await Sql.ScalarAsync<bool>(follower.ConnectionString, ReferenceSql.IsInRecovery));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(follower.ConnectionString, "SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Promote_NodeThatIsTheWriter_ThrowsNamingTheNode()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 0 });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.PromoteAsync(cluster.Writer));

        Assert.Contains("instance-1", error.Message, StringComparison.Ordinal);
    }
}
