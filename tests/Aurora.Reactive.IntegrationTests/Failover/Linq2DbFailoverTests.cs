using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider.PostgreSQL;
using LinqToDB.Mapping;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>linq2db over an AuroraConnection through a writer crash: the failover reaches linq2db's caller, and the same DataConnection works on the new writer.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class Linq2DbFailoverTests
{
    [Table("l2d_failover")]
    private sealed class Row
    {
        [PrimaryKey, Column("id")]
        public int Id { get; set; }
    }

    [Fact]
    public async Task CrashWriter_QueryRaisesFailoverSuccess_SameDataConnectionInsertsAndQueriesOnTheNewWriter()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1, SynchronousReplication = true });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await using var db = new DataConnection(new DataOptions().UsePostgreSQL(PostgreSQLVersion.v15).UseConnection(connection));
        await db.CreateTableAsync<Row>();
        await db.InsertAsync(new Row { Id = 1 });

        var failover = kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => LinqToDB.Async.AsyncExtensions.CountAsync(db.GetTable<Row>()));
        var newWriter = await failover;
        await db.InsertAsync(new Row { Id = 2 });
        var ids = await LinqToDB.Async.AsyncExtensions.ToListAsync(db.GetTable<Row>().OrderBy(r => r.Id).Select(r => r.Id));

        Assert.Equal(newWriter.Port, error.NewHost!.Port);
        Assert.Equal(new[] { 1, 2 }, ids);
        Assert.Equal(newWriter.InstanceId, await KitDataSource.InstanceIdAsync(connection));
    }
}
