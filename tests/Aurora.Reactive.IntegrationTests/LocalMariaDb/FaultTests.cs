using Aurora.Reactive.Testing.LocalCluster;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

[Collection(SharedMariaDbCollection.Name)]
public sealed class FaultTests(SharedMariaDbFixture fixture)
{
    [Fact]
    public async Task Freeze_HoldsAQueryUntilItsTimeout_AndThawLetsTheConnectionAnswerAgain()
    {
        var cluster = fixture.Cluster;
        var reader = cluster.Readers[0];
        await using var connection = await MariaDb.OpenAsync(reader.ConnectionString);

        await cluster.FreezeAsync(reader);
        try
        {
            Assert.Equal(LocalNodeState.Frozen, reader.State);
            await Assert.ThrowsAnyAsync<MySqlException>(() => MariaDb.ScalarAsync(connection, "SELECT 1", commandTimeoutSeconds: 1));
        }
        finally
        {
            await cluster.ThawAsync(reader);
        }

        Assert.Equal(LocalNodeState.Running, reader.State);
        Assert.Equal(1L, Convert.ToInt64(await MariaDb.ScalarAsync(reader.ConnectionString, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CutNetwork_Drop_RefusesClientsButNotReplication_AndRestoreLetsThemIn()
    {
        var cluster = fixture.Cluster;
        var reader = cluster.Readers[1];
        var table = MariaDb.UniqueTable("cut");

        await cluster.CutNetworkAsync(reader, NetworkCutMode.Drop);
        try
        {
            await Assert.ThrowsAnyAsync<MySqlException>(() => MariaDb.OpenAsync(reader.ConnectionString, connectTimeoutSeconds: 2));
            await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"CREATE TABLE {table} (id INT PRIMARY KEY)");
            await cluster.WaitForReplicationAsync();
        }
        finally
        {
            await cluster.RestoreNetworkAsync(reader);
        }

        Assert.Equal(0L, Convert.ToInt64(await MariaDb.ScalarAsync(reader.ConnectionString, $"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture));
        await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"DROP TABLE {table}");
    }
}
