using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(SharedClusterCollection.Name)]
public sealed class AuroraEmulationTests(SharedClusterFixture fixture)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task ReferenceTopologyQuery_OnEveryNode_ReturnsTheWriterAndReadersAsPublished()
    {
        foreach (var node in Cluster.Nodes)
        {
            var rows = await Sql.TopologyAsync(node.ConnectionString);

            Assert.Equal(["instance-1", "instance-2", "instance-3"], rows.Select(r => r.ServerId).Order());
            Assert.Equal("instance-1", Assert.Single(rows, r => r.IsWriter).ServerId);
            Assert.All(rows, r => Assert.Equal(0, r.LagMilliseconds));
            Assert.All(rows, r => Assert.InRange(r.LastUpdate!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1)));
        }
    }

    [Fact]
    public async Task InstanceIdentifierAndRole_OnEachNode_AreItsOwn()
    {
        foreach (var node in Cluster.Nodes)
        {
            Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ConnectionString, ReferenceSql.InstanceId));
            Assert.Equal(node.Role == LocalNodeRole.Reader, await Sql.ScalarAsync<bool>(node.ConnectionString, ReferenceSql.IsInRecovery));
            var isWriter = await Sql.ScalarAsync<object?>(node.ConnectionString, ReferenceSql.IsWriter);
            Assert.Equal(node.Role == LocalNodeRole.Writer ? node.InstanceId : null, isWriter as string);
        }
    }

    [Fact]
    public async Task RdsExtensionsSetting_ContainsAuroraStatUtils()
    {
        var value = await Sql.ScalarAsync<string>(Cluster.Readers[0].ConnectionString, "SELECT current_setting('rds.extensions')");
        Assert.Contains("aurora_stat_utils", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplicaStatus_CalledByAnOrdinaryUserOnAReader_Answers()
    {
        var role = "app_" + Guid.NewGuid().ToString("N")[..8];
        await Sql.ExecuteAsync(Cluster.Writer.ConnectionString, $"CREATE ROLE {role} LOGIN");
        var reader = Cluster.Readers[0];
        var asApp = new global::Npgsql.NpgsqlConnectionStringBuilder(reader.ConnectionString) { Username = role }.ConnectionString;

        IReadOnlyList<TopologyRow> rows = [];
        await Sql.PollAsync(async () => (rows = await Sql.TopologyAsync(asApp)).Count == 3, TimeSpan.FromSeconds(15), $"{role} reads the topology on {reader.InstanceId}");

        Assert.Equal("instance-1", Assert.Single(rows, r => r.IsWriter).ServerId);
    }

    [Fact]
    public async Task PublishTopology_TwoWritersThenNoWriter_EveryNodeReturnsWhatWasPublished()
    {
        try
        {
            await Cluster.PublishTopologyAsync(
            [
                new AuroraReplicaStatusRow("instance-1", isWriter: true) { IsLive = false, LastUpdateTimestamp = DateTimeOffset.UtcNow.AddSeconds(-20) },
                new AuroraReplicaStatusRow("instance-2", isWriter: true),
                new AuroraReplicaStatusRow("instance-3", isWriter: false) { ReplicaLagInMilliseconds = 42, Cpu = 17.5 },
            ]);
            foreach (var node in Cluster.Nodes)
            {
                var rows = await Sql.TopologyAsync(node.ConnectionString);
                Assert.Equal(["instance-1", "instance-2"], rows.Where(r => r.IsWriter).Select(r => r.ServerId).Order());
                var reader = Assert.Single(rows, r => !r.IsWriter);
                Assert.Equal((42f, 17.5f), (reader.LagMilliseconds, reader.Cpu));
                var stale = rows.Single(r => r.ServerId == "instance-1").LastUpdate!.Value;
                Assert.InRange(stale, DateTime.UtcNow.AddSeconds(-25), DateTime.UtcNow.AddSeconds(-15));
            }

            await Cluster.PublishTopologyAsync(
            [
                new AuroraReplicaStatusRow("instance-2", isWriter: false),
                new AuroraReplicaStatusRow("instance-3", isWriter: false) { IsLive = false, LastUpdateTimestamp = DateTimeOffset.UtcNow.AddMinutes(-10) },
                new AuroraReplicaStatusRow("instance-4", isWriter: false) { IsLive = false, LastUpdateTimestamp = null },
            ]);
            var noWriter = await Sql.TopologyAsync(Cluster.Readers[1].ConnectionString);

            Assert.DoesNotContain(noWriter, r => r.IsWriter);
            Assert.Equal(["instance-2", "instance-4"], noWriter.Select(r => r.ServerId).Order());
            Assert.Null(noWriter.Single(r => r.ServerId == "instance-4").LastUpdate);
        }
        finally
        {
            await Cluster.PublishCurrentTopologyAsync();
        }

        Assert.Equal("instance-1", Assert.Single(await Sql.TopologyAsync(Cluster.Writer.ConnectionString), r => r.IsWriter).ServerId);
    }

    [Fact]
    public async Task PublishTopology_OnlyOnOneReader_OnlyThatReaderReportsIt()
    {
        var stale = Cluster.Readers[0];
        try
        {
            await Cluster.PublishTopologyAsync([new AuroraReplicaStatusRow("instance-9", isWriter: true)], onlyOn: stale);

            Assert.Equal("instance-9", Assert.Single(await Sql.TopologyAsync(stale.ConnectionString)).ServerId);
            Assert.Equal(3, (await Sql.TopologyAsync(Cluster.Readers[1].ConnectionString)).Count);
        }
        finally
        {
            await Cluster.PublishCurrentTopologyAsync();
        }
    }
}
