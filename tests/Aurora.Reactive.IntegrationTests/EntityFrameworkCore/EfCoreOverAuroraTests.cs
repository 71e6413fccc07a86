using Aurora.Reactive.Connections;
using Aurora.Reactive.EntityFrameworkCore;
using Aurora.Reactive.IntegrationTests.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Microsoft.EntityFrameworkCore;

namespace Aurora.Reactive.IntegrationTests.EntityFrameworkCore;

/// <summary>EF Core 10 through <c>UseAuroraNpgsql</c> on the local cluster, without faults: creation, writes, queries, transactions.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class EfCoreOverAuroraTests
{
    [Fact]
    public async Task EnsureCreated_OnAMissingDatabase_CreatesItThenInsertsAndQueriesThroughAnAuroraConnection()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "Database=payments_ef");
        await using (var context = NewContext(kit.DataSource))
        {
            Assert.True(await context.Database.EnsureCreatedAsync());
            Assert.IsType<AuroraConnection>(context.Database.GetDbConnection());
            context.Payments.AddRange(new Payment { Marker = Guid.NewGuid(), Amount = 10 }, new Payment { Marker = Guid.NewGuid(), Amount = 32 });
            Assert.Equal(2, await context.SaveChangesAsync());
        }

        await using (var context = NewContext(kit.DataSource))
        {
            Assert.Equal(42, await context.Payments.SumAsync(p => p.Amount));
            var first = await context.Payments.OrderBy(p => p.Id).FirstAsync();
            first.Amount = 11;
            context.Payments.Remove(await context.Payments.OrderBy(p => p.Id).LastAsync());
            Assert.Equal(2, await context.SaveChangesAsync());
            Assert.Equal(["payments_ef"], await context.Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").ToListAsync());
        }

        await using (var context = NewContext(kit.DataSource))
        {
            Assert.Equal((1, 11), (await context.Payments.CountAsync(), await context.Payments.SumAsync(p => p.Amount)));
            Assert.False(await context.Database.EnsureCreatedAsync());
        }
    }

    [Fact]
    public async Task ExplicitTransaction_CommitKeepsBothSaves_RollbackKeepsNone_SyncAndAsync()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await using var context = NewContext(kit.DataSource);
        context.Database.EnsureCreated();

        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 1 });
            await context.SaveChangesAsync();
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 2 });
            await context.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        strategy.Execute(() =>
        {
            using var transaction = context.Database.BeginTransaction();
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 100 });
            context.SaveChanges();
            transaction.Rollback();
        });
        context.ChangeTracker.Clear();

        strategy.Execute(() =>
        {
            using var transaction = context.Database.BeginTransaction();
            context.Payments.Add(new Payment { Marker = Guid.NewGuid(), Amount = 4 });
            context.SaveChanges();
            transaction.Commit();
        });

        Assert.Equal((3, 7), (await context.Payments.CountAsync(), await context.Payments.SumAsync(p => p.Amount)));
    }

    internal static PaymentsContext NewContext(AuroraDataSource dataSource) =>
        new(new DbContextOptionsBuilder<PaymentsContext>().UseAuroraNpgsql(dataSource).Options);
}
