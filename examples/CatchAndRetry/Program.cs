// CatchAndRetry: the ADO.NET pattern without AuroraClient. A failover surfaces as an exception; the same
// connection object keeps working on the new writer, so catch, keep the connection, and redo the work.
// (AuroraClient.ExecuteInTransactionAsync does this for you, and checks a COMMIT that was in flight.)
using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;

await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { SynchronousReplication = true });
var connectionString = $"{cluster.WriterConnectionString};cluster_instance_endpoints={cluster.InstanceEndpoints}";

await using var dataSource = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance);
await using var connection = await dataSource.OpenConnectionAsync();
await ExecuteAsync(connection, null, "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
await ExecuteAsync(connection, null, "INSERT INTO accounts VALUES (1, 1000), (2, 0)");

for (var transfer = 1; transfer <= 10; transfer++)
{
    if (transfer == 5)
    {
        var newWriter = await cluster.FailoverAsync(FailoverFault.Crash);
        Console.WriteLine($"crashed the writer; {newWriter.InstanceId} was promoted");
    }

    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, "UPDATE accounts SET balance = balance - 10 WHERE id = 1");
            await ExecuteAsync(connection, transaction, "UPDATE accounts SET balance = balance + 10 WHERE id = 2");
            await transaction.CommitAsync();
            Console.WriteLine($"transfer {transfer} committed on {connection.DataSource} (attempt {attempt})");
            break;
        }
        catch (FailoverException error) when (error.IsConnectionUsable && attempt < 3)
        {
            // FailoverSuccessException or TransactionResolutionUnknownException: do not dispose the connection; it now
            // works on error.NewHost. The transaction was rolled back, or its fate is unknown if the COMMIT was in flight:
            // make the work idempotent, or check it, before redoing it.
            Console.WriteLine($"transfer {transfer}: {error.GetType().Name}, now on {error.NewHost}; redoing it");
        }

        // FailoverFailedException (no node took over) and every ordinary database error reach the caller unwrapped.
    }
}

await using var check = connection.CreateCommand();
check.CommandText = "SELECT string_agg(id || '=' || balance, ', ' ORDER BY id) FROM accounts";
Console.WriteLine($"balances: {await check.ExecuteScalarAsync()}");

static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
{
    await using var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}
