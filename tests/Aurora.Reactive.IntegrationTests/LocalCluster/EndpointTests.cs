using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(SharedClusterCollection.Name)]
public sealed class EndpointTests(SharedClusterFixture fixture)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task WriterEndpoint_ForwardsToTheWriter()
    {
        await using var connection = await Sql.OpenAsync(Cluster.WriterConnectionString);

        Assert.Equal(Cluster.Writer.InstanceId, await Sql.ScalarAsync<string>(connection, ReferenceSql.InstanceId));
        Assert.False(await Sql.ScalarAsync<bool>(connection, ReferenceSql.IsInRecovery));
        Assert.Equal([Cluster.Writer.InstanceId], Cluster.WriterEndpoint.TargetInstanceIds);
    }

    [Fact]
    public async Task ReaderEndpoint_ForwardsRoundRobinToTheReaders()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            await using var connection = await Sql.OpenAsync(Cluster.ReaderConnectionString);
            seen.Add(await Sql.ScalarAsync<string>(connection, ReferenceSql.InstanceId));
            Assert.True(await Sql.ScalarAsync<bool>(connection, ReferenceSql.IsInRecovery));
        }

        Assert.Equal(Cluster.Readers.Select(r => r.InstanceId).Order(), seen.Order());
    }

    [Fact]
    public async Task InstanceEndpoints_MapEachInstanceIdToItsClientPort()
    {
        var pairs = Cluster.InstanceEndpoints.Split(',');

        Assert.Equal(Cluster.Nodes.Count, pairs.Length);
        foreach (var pair in pairs)
        {
            var (id, endpoint) = (pair.Split('=')[0], pair.Split('=')[1]);
            var port = int.Parse(endpoint.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("127.0.0.1", endpoint.Split(':')[0]);
            Assert.Equal(Cluster.Node(id).Port, port);
            Assert.Equal(id, await Sql.ScalarAsync<string>($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", ReferenceSql.InstanceId));
        }
    }
}
