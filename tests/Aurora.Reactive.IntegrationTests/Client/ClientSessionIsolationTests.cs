using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>
/// Each unit of work of <see cref="AuroraClient"/> opens its own connection from the data source, on the driver's pool,
/// which resets the session when a connection goes back to it (Npgsql: DISCARD ALL): no unit sees what another left.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClientSessionIsolationTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private const string Role = "aurora_isolation_role";

    [Fact]
    public async Task ExecuteAsync_AUnitSetsSearchPathRoleAndATempTable_NoLaterUnitSeesAnyOfThem()
    {
        var applicationName = DataSourceDisposalTests.Unique("aurora-isolation");
        await using var client = AuroraClient.CreateBuilder(DataSourceDisposalTests.Settings(applicationName, fixture.Cluster), NpgsqlDriver.Instance).Build();
        await client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<object>(
            c, $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN CREATE ROLE {Role} NOLOGIN; END IF; END $$", ct));
        var clean = await client.ExecuteAsync((c, ct) => SessionAsync(c, ct));

        var dirty = await client.ExecuteAsync(async (c, ct) =>
        {
            await ClusterSql.ScalarAsync<object>(c, "SET search_path TO pg_catalog", ct);
            await ClusterSql.ScalarAsync<object>(c, $"SET ROLE {Role}", ct);
            await ClusterSql.ScalarAsync<object>(c, "CREATE TEMPORARY TABLE unit_scratch (id int)", ct);
            return await SessionAsync(c, ct);
        });
        Assert.Equal($"pg_catalog|{Role}|true", dirty); // the unit saw its own changes

        // One after another (the same physical connection comes back from the pool each time) and side by side.
        var sequential = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            sequential.Add(await client.ExecuteAsync((c, ct) => SessionAsync(c, ct)));
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.ExecuteAsync((c, ct) => SessionAsync(c, ct))));
        var leaked = sequential.Concat(concurrent).Count(s => s != clean);
        output.WriteLine($"clean session: {clean}; the dirty unit: {dirty}; later units seeing a change: {leaked} of {sequential.Count + concurrent.Length}");

        Assert.All(sequential.Concat(concurrent), session => Assert.Equal(clean, session));
    }

    // search_path, current_user and whether the temporary table exists, as one string.
    private static Task<string> SessionAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        ClusterSql.ScalarAsync<string>(
            connection,
            "SELECT current_setting('search_path') || '|' || current_user || '|' || (to_regclass('pg_temp.unit_scratch') IS NOT NULL)::text",
            cancellationToken);
}
