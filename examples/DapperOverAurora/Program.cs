// DapperOverAurora: Dapper works unchanged on an AuroraDataSource, through failovers. Dapper sees an ordinary
// DbConnection; the failover shows as an exception you catch around the unit of work, or, with AuroraClient,
// not at all: client.ExecuteInTransactionAsync((connection, transaction, ct) => connection.ExecuteAsync(...)).
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;

await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { SynchronousReplication = true });
var connectionString = $"{cluster.WriterConnectionString};cluster_instance_endpoints={cluster.InstanceEndpoints}";

// 1. Plain ADO.NET data source + Dapper.
await using (var dataSource = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance))
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await connection.ExecuteAsync("CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, price numeric NOT NULL)");
    await connection.ExecuteAsync("INSERT INTO products VALUES (@Id, @Name, @Price)", new[]
    {
        new Product(1, "tea", 3.5m),
        new Product(2, "coffee", 4.2m),
    });
    var cheap = await connection.QueryAsync<Product>("SELECT id, name, price FROM products WHERE price < @max ORDER BY id", new { max = 4m });
    Console.WriteLine($"cheap: {string.Join(", ", cheap)}");
}

// 2. AuroraClient + Dapper: the failover in the middle is invisible to the caller.
await using var client = AuroraClient.Create(connectionString, NpgsqlDriver.Instance);
var failover = cluster.FailoverAsync(FailoverFault.Crash);
for (var id = 3; id <= 20; id++)
{
    await client.ExecuteInTransactionAsync((connection, transaction, ct) =>
        connection.ExecuteAsync(new CommandDefinition("INSERT INTO products VALUES (@id, @name, 1.0)", new { id, name = $"item-{id}" }, transaction, cancellationToken: ct)));
}

await failover;
var count = await client.ExecuteAsync((connection, ct) => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM products", cancellationToken: ct)));
Console.WriteLine($"{count} products on the new writer {client.CurrentTopology?.Writer?.InstanceId}");

internal sealed record Product(int Id, string Name, decimal Price);
