using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using Aurora.Reactive.Topology;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>The MySQL dialects against real MariaDB nodes through MySql.Data; Aurora MySQL's rows through the kit's emulation view.</summary>
[Collection(SharedMariaDbCollection.Name)]
public sealed class MySqlDialectTests(SharedMariaDbFixture fixture)
{
    private LocalMariaDbCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task MySqlReplicationDialect_EveryNode_AnswersItsRole()
    {
        foreach (var node in Cluster.Nodes)
        {
            await using var connection = await MariaDb.OpenAsync(node.ConnectionString);

            Assert.True(await MySqlReplicationDialect.Instance.IsDialectAsync(connection, CancellationToken.None));
            Assert.Equal(node.Role == LocalNodeRole.Reader, await MySqlReplicationDialect.Instance.IsReaderAsync(connection, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Detect_OnMariaDb_RejectsAuroraDialectsWithoutBreakingTheConnection()
    {
        await using var connection = await MariaDb.OpenAsync(Cluster.Writer.ConnectionString);

        var detected = await ClusterDialects.DetectAsync(connection, CancellationToken.None, [.. ClusterDialects.All, MySqlReplicationDialect.Instance]);

        Assert.Same(MySqlReplicationDialect.Instance, detected);
        Assert.Equal(1L, Convert.ToInt64(await MariaDb.ScalarAsync(connection, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AuroraMySqlDialect_RowsOfTheEmulatedTopologyTable_GiveTheWriterAndTheReaders()
    {
        var snapshot = (await ReadEmulatedTopologyAsync(Cluster.Readers[0])).Snapshot;

        Assert.Equal(Cluster.Writer.InstanceId, snapshot.Writer?.InstanceId);
        Assert.Equal(Cluster.Writer.Port, snapshot.Writer?.Port);
        Assert.Equal(Cluster.Readers.Select(r => r.InstanceId).Order(), snapshot.Readers.Select(r => r.InstanceId!).Order());
        Assert.All(snapshot.Readers, r => Assert.Equal(TimeSpan.Zero, r.ReplicaLag));
    }

    [Fact]
    public async Task AuroraMySqlDialect_StaleReaderAndTwoWriters_KeepsTheNewestWriterAndDropsTheStaleRow()
    {
        var now = DateTimeOffset.UtcNow;
        var nodes = Cluster.Nodes;
        await Cluster.PublishTopologyAsync(
        [
            new AuroraReplicaStatusRow(nodes[0].InstanceId, isWriter: true) { IsLive = false, LastUpdateTimestamp = now.AddSeconds(-20) },
            new AuroraReplicaStatusRow(nodes[1].InstanceId, isWriter: true),
            new AuroraReplicaStatusRow(nodes[2].InstanceId, isWriter: false) { IsLive = false, LastUpdateTimestamp = now.AddMinutes(-10) },
        ]);
        try
        {
            var result = await ReadEmulatedTopologyAsync(Cluster.Writer);

            Assert.Equal(nodes[1].InstanceId, result.Snapshot.Writer?.InstanceId);
            Assert.Empty(result.Snapshot.Readers);
            Assert.Contains(result.RejectedRows, r => r.Row.InstanceId == nodes[0].InstanceId);
        }
        finally
        {
            await Cluster.PublishCurrentTopologyAsync();
        }
    }

    /// <summary>Runs the dialect's own SQL, with the kit's schema in place of information_schema, and reads it with the dialect.</summary>
    private async Task<TopologyReadResult> ReadEmulatedTopologyAsync(LocalMariaDbNode via)
    {
        var sql = AuroraMySqlDialect.Sql.Replace("information_schema.", LocalMariaDbCluster.AuroraEmulationSchema + ".", StringComparison.Ordinal);
        await using var connection = await MariaDb.OpenAsync(via.ConnectionString);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<TopologyRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(AuroraMySqlDialect.Instance.ReadTopologyRow(reader));
        }

        return TopologyRowReader.Read(rows, id => new HostSpec("127.0.0.1", Cluster.Node(id).Port, id), DateTimeOffset.UtcNow, new HostSpec("127.0.0.1", via.Port, via.InstanceId));
    }
}
