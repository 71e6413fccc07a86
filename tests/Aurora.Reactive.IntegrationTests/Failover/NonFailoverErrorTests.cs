using Aurora.Reactive.IntegrationTests.LocalCluster;
using Dapper;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>Errors that are not failovers reach the caller as the driver raised them; on the shared cluster, which they do not harm.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class NonFailoverErrorTests(SharedClusterFixture fixture)
{
    [Fact]
    public async Task UniqueViolation_ReachesTheCallerUnwrapped_ConnectionStaysOnItsNode()
    {
        await using var kit = KitDataSource.Over(fixture.Cluster);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var before = await KitDataSource.InstanceIdAsync(connection);
        await connection.ExecuteAsync("CREATE TEMP TABLE once (id int PRIMARY KEY); INSERT INTO once VALUES (1)");

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO once VALUES (1)"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(before, await KitDataSource.InstanceIdAsync(connection));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM once"));
    }
}
