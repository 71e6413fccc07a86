using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Npgsql;
using CustomFailoverPolicy;

// Usage: dotnet run --project examples/CustomFailoverPolicy -- "Host=...;Username=...;failover_mode=reader_or_writer;cluster_instance_host_pattern=?.example.com"
if (args.Length != 1)
{
    Console.Error.WriteLine("Usage: CustomFailoverPolicy \"<connection string with failover settings>\"");
    return 2;
}

// Readers of our zone first, and never a reader more than 5 s behind.
var policy = new MaxReplicaLagPolicy(TimeSpan.FromSeconds(5), new PreferInstancePrefixPolicy("east-"));
await using var dataSource = new AuroraDataSourceBuilder(args[0], NpgsqlDriver.Instance).UseFailoverPolicy(policy).Build();
await using var connection = await dataSource.OpenConnectionAsync();

for (var attempt = 1; ; attempt++)
{
    try
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT now()";
        Console.WriteLine($"Server time: {await command.ExecuteScalarAsync()}");
        return 0;
    }
    catch (FailoverSuccessException moved) when (attempt < 3)
    {
        // Keep the connection: it now works on another node. Run the statement again.
        Console.WriteLine($"Moved to {moved.NewHost}; running again.");
    }
}
