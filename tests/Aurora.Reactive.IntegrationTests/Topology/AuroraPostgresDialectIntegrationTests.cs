using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.IntegrationTests.Topology;

// Runs on the kit's shared cluster; every test that publishes a topology restores the real one.
[Collection(SharedClusterCollection.Name)]
public sealed class AuroraPostgresDialectIntegrationTests(SharedClusterFixture fixture)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    private async Task<TopologyReadResult> ReadThroughAsync(HostSpec via)
    {
        await using var connection = await KitNodes.Opener(Cluster)(via, CancellationToken.None);
        return await AuroraPostgresDialect.Instance.ReadTopologyAsync(connection, via, KitNodes.Resolver(Cluster), DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Fact]
    public async Task ReadTopologyAsync_ThroughEveryNode_WriterAndReadersAsTheEmulationPublishes()
    {
        foreach (var via in KitNodes.Seeds(Cluster))
        {
            var result = await ReadThroughAsync(via);

            Assert.Equal("instance-1", result.Snapshot.Writer!.InstanceId);
            Assert.Equal(Cluster.Node("instance-1").Port, result.Snapshot.Writer.Port);
            Assert.Equal(["instance-2", "instance-3"], result.Snapshot.Readers.Select(r => r.InstanceId).Order());
            Assert.All(result.Snapshot.Readers, r => Assert.Equal(TimeSpan.Zero, r.ReplicaLag));
            Assert.All(result.Snapshot.Hosts, h => Assert.InRange(h.LastUpdate!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
            Assert.Equal(via, result.Snapshot.ReadFrom);
            Assert.Empty(result.RejectedRows);
        }
    }

    [Fact]
    public async Task InstanceIdAndRole_OnEachNode_AreItsOwn()
    {
        foreach (var via in KitNodes.Seeds(Cluster))
        {
            await using var connection = await KitNodes.Opener(Cluster)(via, CancellationToken.None);

            Assert.Equal(via.InstanceId, await AuroraPostgresDialect.Instance.GetInstanceIdAsync(connection, via, CancellationToken.None));
            Assert.Equal(via.InstanceId != "instance-1", await AuroraPostgresDialect.Instance.IsReaderAsync(connection, CancellationToken.None));
        }
    }

    [Fact]
    public async Task IsDialectAsync_OnTheEmulatedAuroraNode_OnlyPostgresFlavoursAnswerYes()
    {
        var via = KitNodes.Seeds(Cluster)[1];
        await using var connection = await KitNodes.Opener(Cluster)(via, CancellationToken.None);

        Assert.True(await AuroraPostgresDialect.Instance.IsDialectAsync(connection, CancellationToken.None));
        Assert.True(await PostgresReplicationDialect.Instance.IsDialectAsync(connection, CancellationToken.None));
        Assert.False(await AuroraMySqlDialect.Instance.IsDialectAsync(connection, CancellationToken.None));
        Assert.Same(AuroraPostgresDialect.Instance, await ClusterDialects.DetectAsync(connection));
        Assert.Same(PostgresReplicationDialect.Instance, await ClusterDialects.DetectAsync(connection, candidates: [AuroraMySqlDialect.Instance, PostgresReplicationDialect.Instance]));
    }

    [Fact]
    public async Task ReadTopologyAsync_StaleTwoWritersNullTimestampAndBadId_FilteredAsTheRulesSay()
    {
        try
        {
            await Cluster.PublishTopologyAsync(
            [
                new AuroraReplicaStatusRow("instance-1", isWriter: true) { IsLive = false, LastUpdateTimestamp = DateTimeOffset.UtcNow.AddSeconds(-20) },
                new AuroraReplicaStatusRow("instance-2", isWriter: true),
                new AuroraReplicaStatusRow("instance-3", isWriter: false) { IsLive = false, LastUpdateTimestamp = null },
                new AuroraReplicaStatusRow("instance-9", isWriter: false) { IsLive = false, LastUpdateTimestamp = DateTimeOffset.UtcNow.AddMinutes(-10) },
                new AuroraReplicaStatusRow("bad_id", isWriter: false),
            ]);

            var result = await ReadThroughAsync(KitNodes.Seeds(Cluster)[2]);

            Assert.Equal("instance-2", result.Snapshot.Writer!.InstanceId);
            var reader = Assert.Single(result.Snapshot.Readers);
            Assert.Equal("instance-3", reader.InstanceId);
            Assert.Null(reader.LastUpdate);
            Assert.Equal(["bad_id", "instance-1"], result.RejectedRows.Select(r => r.Row.InstanceId).Order());

            // instance-9 is neither in the snapshot nor rejected by the resolver: the SQL itself filtered the stale row.
            Assert.DoesNotContain(result.RejectedRows, r => r.Row.InstanceId == "instance-9");
        }
        finally
        {
            await Cluster.PublishCurrentTopologyAsync();
        }
    }

    [Fact]
    public async Task ReadTopologyAsync_NoWriterPublished_WriterUnknownWithReaders()
    {
        try
        {
            await Cluster.PublishTopologyAsync([new AuroraReplicaStatusRow("instance-2", false), new AuroraReplicaStatusRow("instance-3", false)]);

            var result = await ReadThroughAsync(KitNodes.Seeds(Cluster)[0]);

            Assert.False(result.Snapshot.IsWriterKnown);
            Assert.Equal(["instance-2", "instance-3"], result.Snapshot.Readers.Select(r => r.InstanceId).Order());
        }
        finally
        {
            await Cluster.PublishCurrentTopologyAsync();
        }
    }
}
