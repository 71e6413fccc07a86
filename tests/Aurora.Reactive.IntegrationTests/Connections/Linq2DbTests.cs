using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using LinqToDB.Mapping;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// linq2db over plain Npgsql and over AuroraConnection, side by side: with the PostgreSQL provider named explicitly,
/// queries and inserts run through the connection given (so through AuroraConnection and its failover).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class Linq2DbTests(SharedClusterFixture fixture)
{
    [Table]
    private sealed class Item
    {
        [PrimaryKey, Column("id")]
        public int Id { get; set; }

        [Column("name"), NotNull]
        public string Name { get; set; } = string.Empty;
    }

    public static TheoryData<string> Connections => new() { "npgsql", "aurora" };

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task ExplicitProvider_QueriesAndInserts_RunThroughTheGivenConnection(string kind)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);
        await using var db = new DataConnection(new DataOptions().UsePostgreSQL(PostgreSQLVersion.v15).UseConnection(connection));
        var table = "l2d_" + Guid.NewGuid().ToString("N")[..12];
        await db.CreateTableAsync<Item>(tableName: table);
        try
        {
            await db.InsertAsync(new Item { Id = 1, Name = "one" }, tableName: table);
            await db.InsertAsync(new Item { Id = 2, Name = "two" }, tableName: table);
            await db.BulkCopyAsync(new BulkCopyOptions { TableName = table }, new[] { new Item { Id = 3, Name = "three" } });
            var ids = new[] { 1, 3 };

            var query = db.GetTable<Item>().TableName(table).Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).Select(i => i.Name);
            var names = await LinqToDB.Async.AsyncExtensions.ToListAsync(query);
            var count = await db.ExecuteAsync<int>($"SELECT count(*)::int FROM {table} WHERE id = ANY(@ids)", new DataParameter("ids", ids));

            Assert.Equal(new[] { "one", "three" }, names);
            Assert.Equal(2, count);
            Assert.Same(connection, db.OpenDbConnection());
        }
        finally
        {
            await db.DropTableAsync<Item>(tableName: table);
        }
    }

    [Fact]
    public async Task ConnectionFactory_OverAuroraDataSource_OpensAuroraConnections()
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        var options = new DataOptions().UsePostgreSQL(PostgreSQLVersion.v15).UseConnectionFactory(_ => scenario.DataSource.CreateConnection());
        await using var db = new DataConnection(options);

        var answer = await db.ExecuteAsync<int>("SELECT 42");

        Assert.Equal(42, answer);
        Assert.IsType<AuroraConnection>(db.OpenDbConnection());
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task ProviderSpecificBulkCopy_IsBinaryCopyOnNpgsql_AndInsertsThroughAuroraCommandOverAurora(string kind)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);
        var traced = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new DataOptions().UsePostgreSQL(PostgreSQLVersion.v15).UseConnection(connection)
            .UseTracing(System.Diagnostics.TraceLevel.Info, t => traced.Enqueue($"{t.Operation} {t.Command?.GetType().Name} {t.SqlText}"));
        await using var db = new DataConnection(options);
        var table = "l2d_" + Guid.NewGuid().ToString("N")[..12];
        await db.CreateTableAsync<Item>(tableName: table);
        try
        {
            traced.Clear();
            var result = await db.BulkCopyAsync(new BulkCopyOptions { TableName = table, BulkCopyType = BulkCopyType.ProviderSpecific }, new[] { new Item { Id = 3, Name = "three" } });
            Assert.Equal(1L, result.RowsCopied);
            // linq2db's binary COPY needs the NpgsqlConnection type; over AuroraConnection it falls back to INSERTs,
            // which run as AuroraCommands (so under failover).
            var expected = kind == "npgsql" ? "BulkCopy  INSERT ASYNC BULK" : "ExecuteNonQuery AuroraCommand";
            Assert.Contains(traced, line => line.StartsWith(expected, StringComparison.Ordinal));
            Assert.Equal(1, await db.ExecuteAsync<int>($"SELECT count(*)::int FROM {table}"));
        }
        finally
        {
            await db.DropTableAsync<Item>(tableName: table);
        }
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task NoProvider_IsNotDetectedFromAConnection_OnEither(string kind)
    {
        await using var scenario = AuroraClusterScenario.Over(fixture.Cluster, new NodeFailoverHandler());
        await using var connection = await OpenAsync(kind, scenario);

        Assert.Throws<LinqToDBException>(() => new DataConnection(new DataOptions().UseConnection(connection)));
    }

    private async Task<DbConnection> OpenAsync(string kind, AuroraClusterScenario scenario)
    {
        DbConnection connection = kind == "npgsql"
            ? new NpgsqlConnection(fixture.Cluster.Writer.ConnectionString)
            : scenario.DataSource.CreateConnection();
        await connection.OpenAsync();
        Assert.IsType(kind == "npgsql" ? typeof(NpgsqlConnection) : typeof(AuroraConnection), connection);
        return connection;
    }
}
