using System.Data;
using System.Data.Common;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Dapper;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// Dapper's array parameters through plain Npgsql and through AuroraConnection, side by side. Dapper sends an
/// enumerable as one array parameter only when the connection's type is named NpgsqlConnection; otherwise it expands
/// it into a list (@ids1, @ids2, ...). An explicit DbType (per parameter or per type) keeps it one array on both.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class DapperArrayParameterTests(SharedClusterFixture fixture)
{
    private const string AnyQuery = "SELECT count(*)::int FROM generate_series(1, 5) g WHERE g = ANY(@ids)";
    private const string InQuery = "SELECT count(*)::int FROM generate_series(1, 5) g WHERE g IN @ids";

    public static TheoryData<string> Connections => new() { "npgsql", "aurora" };

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task AnyOfArray_WithDbTypeObject_WorksOnBoth(string kind)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);
        var parameters = new DynamicParameters();
        parameters.Add("ids", new[] { 1, 3, 9 }, DbType.Object);

        Assert.Equal(2, await connection.QuerySingleAsync<int>(AnyQuery, parameters));
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task AnyOfArray_WithTypeMappedToDbTypeObject_WorksOnBoth(string kind)
    {
        // Process-wide, as an application would do it once at startup; long[] is used by no other test here.
        SqlMapper.AddTypeMap(typeof(long[]), DbType.Object);
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);

        Assert.Equal(2, await connection.QuerySingleAsync<int>(AnyQuery.Replace("g =", "g::bigint =", StringComparison.Ordinal), new { ids = new long[] { 1, 3, 9 } }));
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task PlainArray_DapperDecidesByConnectionTypeName(string kind)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);
        var ids = new { ids = new[] { 1, 3, 9 } };

        if (kind == "npgsql")
        {
            Assert.Equal(2, await connection.QuerySingleAsync<int>(AnyQuery, ids));
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.QuerySingleAsync<int>(InQuery, ids));
            Assert.Equal(PostgresErrorCodes.SyntaxError, error.SqlState);
        }
        else
        {
            Assert.Equal(2, await connection.QuerySingleAsync<int>(InQuery, ids));
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.QuerySingleAsync<int>(AnyQuery, ids));
            Assert.Equal(PostgresErrorCodes.WrongObjectType, error.SqlState);
        }
    }

    private async Task<DbConnection> OpenAsync(string kind, AuroraClusterScenario scenario)
    {
        DbConnection connection = kind == "npgsql"
            ? new NpgsqlConnection(fixture.Cluster.Writer.ConnectionString)
            : scenario.DataSource.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
