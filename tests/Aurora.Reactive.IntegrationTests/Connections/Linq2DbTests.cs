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
