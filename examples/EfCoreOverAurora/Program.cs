// EfCoreOverAurora: EF Core 10 on an Aurora PostgreSQL (or replicated PostgreSQL) cluster through UseAuroraNpgsql.
// Writes one order a second for a minute; fail the writer over meanwhile (aws rds failover-db-cluster ...) and every
// SaveChanges still returns once, on the new writer.
//
//   dotnet run --project examples/EfCoreOverAurora -- "Host=mydb.cluster-xyz.us-east-1.rds.amazonaws.com;Username=app;Password=...;Database=shop;failover_timeout_sec=60"
using System.Diagnostics;
using Aurora.Reactive.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: EfCoreOverAurora \"<connection string>\"");
    return 2;
}

var options = new DbContextOptionsBuilder<ShopContext>().UseAuroraNpgsql(args[0]).Options;
await using (var setup = new ShopContext(options))
{
    await setup.Database.EnsureCreatedAsync();
}

for (var i = 1; i <= 60; i++)
{
    var clock = Stopwatch.StartNew();
    await using var context = new ShopContext(options);
    context.Orders.Add(new Order { Item = $"item-{i}", PlacedAt = DateTime.UtcNow });
    await context.SaveChangesAsync();   // a failover in here is retried by AuroraExecutionStrategy
    var total = await context.Orders.CountAsync();
    Console.WriteLine($"order {i} saved in {clock.ElapsedMilliseconds} ms on {context.Database.GetDbConnection().DataSource}; {total} orders");
    await Task.Delay(TimeSpan.FromSeconds(1));
}

return 0;

internal sealed class Order
{
    public long Id { get; set; }

    public required string Item { get; set; }

    public DateTime PlacedAt { get; set; }
}

internal sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}
