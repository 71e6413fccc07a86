using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(DestructiveClusterCollection.Name)]
public sealed class CustomOptionsTests
{
    [Fact]
    public async Task Start_CustomInstanceIdsAndSetting_EveryNodeUsesThem()
    {
        var options = new LocalPostgresClusterOptions { ReaderCount = 1, InstanceIds = ["db-writer", "db-reader"] };
        options.ServerSettings["work_mem"] = "8MB";

        await using var cluster = await LocalPostgresCluster.StartAsync(options);

        Assert.Equal($"db-writer=127.0.0.1:{cluster.Nodes[0].Port},db-reader=127.0.0.1:{cluster.Nodes[1].Port}", cluster.InstanceEndpoints);
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ConnectionString, ReferenceSql.InstanceId));
            Assert.Equal("8MB", await Sql.ScalarAsync<string>(node.ConnectionString, "SHOW work_mem"));
        }

        var rows = await Sql.TopologyAsync(cluster.Nodes[1].ConnectionString);
        Assert.Equal("db-writer", Assert.Single(rows, r => r.IsWriter).ServerId);
        Assert.Equal("db-reader", Assert.Single(rows, r => !r.IsWriter).ServerId);
    }
}
