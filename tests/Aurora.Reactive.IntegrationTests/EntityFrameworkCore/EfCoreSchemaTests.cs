using Aurora.Reactive.Connections;
using Aurora.Reactive.EntityFrameworkCore;
using Aurora.Reactive.IntegrationTests.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore;

/// <summary>
/// Schema management through <c>UseAuroraNpgsql</c> on the local PostgreSQL kit: <c>Database.Migrate()</c> with the test
/// project's own migrations (<see cref="LedgerContext"/>), and <c>EnsureDeleted</c>/<c>EnsureCreated</c>. Every check of
/// what is on the server is made with a plain Npgsql connection to the writer node, not through the library.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class EfCoreSchemaTests
{
    private static readonly string[] BothMigrations = ["20260101000000_CreateLedger", "20260102000000_AddLedgerAmount"];

    [Fact]
    public async Task Migrate_OnAMissingDatabase_CreatesItAppliesBothMigrationsInOrder_ThenIsANoOp()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "Database=ledger_migrate");
        await using (var context = NewLedger(kit.DataSource))
        {
            Assert.Equal(BothMigrations, context.Database.GetMigrations());
            Assert.Equal(BothMigrations, await context.Database.GetPendingMigrationsAsync());

            context.Database.Migrate();

            Assert.IsType<AuroraConnection>(context.Database.GetDbConnection());
            Assert.Equal(BothMigrations, context.Database.GetAppliedMigrations());
            Assert.Empty(context.Database.GetPendingMigrations());
            context.Entries.Add(new LedgerEntry { Name = "opening", Amount = 40 });
            context.Entries.Add(new LedgerEntry { Name = "deposit", Amount = 2 });
            Assert.Equal(2, await context.SaveChangesAsync());
        }

        await using (var context = NewLedger(kit.DataSource))
        {
            await context.Database.MigrateAsync();

            Assert.Equal(42, await context.Entries.SumAsync(e => e.Amount));
        }

        Assert.Equal(BothMigrations, await ScalarsAsync<string>(kit.Cluster, "ledger_migrate", "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1"));
        Assert.Equal(["Amount", "Id", "Name"], await ScalarsAsync<string>(kit.Cluster, "ledger_migrate",
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'ledger_entries' ORDER BY 1"));
        Assert.Equal(2L, (await ScalarsAsync<long>(kit.Cluster, "ledger_migrate", "SELECT count(*) FROM ledger_entries")).Single());
    }

    [Fact]
    public async Task Migrate_ToTheFirstMigration_RunsTheSecondsDown_ThenUpAgain()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "Database=ledger_down");
        await using var context = NewLedger(kit.DataSource);
        await context.Database.MigrateAsync();
        var migrator = context.GetService<IMigrator>();

        await migrator.MigrateAsync(BothMigrations[0]);

        Assert.Equal([BothMigrations[0]], await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(["Id", "Name"], await ScalarsAsync<string>(kit.Cluster, "ledger_down",
            "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'ledger_entries' ORDER BY 1"));

        migrator.Migrate();

        Assert.Equal(BothMigrations, context.Database.GetAppliedMigrations());
        context.Entries.Add(new LedgerEntry { Name = "after", Amount = 7 });
        Assert.Equal(1, context.SaveChanges());
    }

    [Fact]
    public async Task EnsureDeleted_DropsTheDatabaseItsDataSourceIsConnectedTo_ThenEnsureCreatedBuildsItAgainEmpty()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "Database=payments_recreate");
        await using (var context = EfCoreOverAuroraTests.NewContext(kit.DataSource))
        {
            Assert.True(context.Database.EnsureCreated());
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 5 });
            Assert.Equal(1, context.SaveChanges());

            // The context's connection, and the data source's pooled and monitoring sessions, are in the database now.
            Assert.True(context.Database.EnsureDeleted());
            context.ChangeTracker.Clear(); // the tracked payment was in the dropped database; the new one numbers from 1 again

            Assert.Empty(await ScalarsAsync<string>(kit.Cluster, "postgres", "SELECT datname::text FROM pg_database WHERE datname = 'payments_recreate'"));
            Assert.False(context.Database.EnsureDeleted());
            Assert.True(context.Database.EnsureCreated());
            Assert.Equal(0, await context.Payments.CountAsync());
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 6 });
            Assert.Equal(1, await context.SaveChangesAsync());
        }

        await using (var context = EfCoreOverAuroraTests.NewContext(kit.DataSource))
        {
            Assert.Equal(6, await context.Payments.SumAsync(p => p.Amount));

            Assert.True(await context.Database.EnsureDeletedAsync());
            Assert.False(await context.Database.EnsureDeletedAsync());
            Assert.True(await context.Database.EnsureCreatedAsync());

            Assert.Equal(0, await context.Payments.CountAsync());
        }

        Assert.Equal(["payments_recreate"], await ScalarsAsync<string>(kit.Cluster, "postgres", "SELECT datname::text FROM pg_database WHERE datname = 'payments_recreate'"));
    }

    private static LedgerContext NewLedger(AuroraDataSource dataSource) =>
        new(new DbContextOptionsBuilder<LedgerContext>().UseAuroraNpgsql(dataSource).Options);

    private static async Task<List<T>> ScalarsAsync<T>(LocalPostgresCluster cluster, string database, string sql)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.Writer.ServerConnectionString) { Database = database, Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
