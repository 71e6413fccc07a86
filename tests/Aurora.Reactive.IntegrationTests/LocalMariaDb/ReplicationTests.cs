using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

[Collection(SharedMariaDbCollection.Name)]
public sealed class ReplicationTests(SharedMariaDbFixture fixture)
{
    [Fact]
    public async Task Write_OnTheWriter_ReachesEveryReader()
    {
        var cluster = fixture.Cluster;
        var table = MariaDb.UniqueTable("replicated");
        await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"CREATE TABLE {table} (id INT PRIMARY KEY, note VARCHAR(20)); INSERT INTO {table} VALUES (7, 'seven')");

        await cluster.WaitForReplicationAsync();

        foreach (var reader in cluster.Readers)
        {
            Assert.Equal("seven", await MariaDb.ScalarAsync(reader.ConnectionString, $"SELECT note FROM {table} WHERE id = 7"));
        }

        await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"DROP TABLE {table}");
    }

    [Fact]
    public async Task Write_OnAReader_IsRefusedWithError1290()
    {
        var reader = fixture.Cluster.Readers[0];

        var error = await Assert.ThrowsAsync<MySqlException>(() => MariaDb.ExecuteAsync(reader.ConnectionString, "CREATE TABLE refused (id INT)"));

        Assert.Equal(1290, error.Number);
    }

    [Fact]
    public async Task EveryNode_ReportsItsRoleItsInstanceIdAndItsServerId()
    {
        foreach (var node in fixture.Cluster.Nodes)
        {
            await using var connection = await MariaDb.OpenAsync(node.ConnectionString);
            Assert.Equal(node.Role == LocalNodeRole.Reader ? 1L : 0L, Convert.ToInt64(await MariaDb.ScalarAsync(connection, "SELECT CAST(@@read_only AS SIGNED)"), CultureInfo.InvariantCulture));
            Assert.Equal(node.InstanceId, await MariaDb.ScalarAsync(connection, "SELECT CAST(@@report_host AS CHAR)"));
            Assert.Equal((long)node.ServerId, Convert.ToInt64(await MariaDb.ScalarAsync(connection, "SELECT CAST(@@server_id AS SIGNED)"), CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task EmulatedTopology_ListsTheWriterAndTheReadersOnEveryNode()
    {
        var cluster = fixture.Cluster;
        foreach (var node in cluster.Nodes)
        {
            await using var connection = await MariaDb.OpenAsync(node.ConnectionString);
            await using var command = new MySqlCommand(
                $"SELECT SERVER_ID, SESSION_ID FROM {Aurora.Reactive.Testing.LocalMariaDb.LocalMariaDbCluster.AuroraEmulationSchema}.replica_host_status ORDER BY SERVER_ID", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string Id, string Session)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            Assert.Equal(cluster.Nodes.Select(n => n.InstanceId).Order(), rows.Select(r => r.Id));
            Assert.Equal(cluster.Writer.InstanceId, Assert.Single(rows, r => r.Session == AuroraReplicaStatusRow.WriterSessionId).Id);
        }
    }
}
