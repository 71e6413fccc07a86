// ClusterTour: start a local Aurora-like PostgreSQL cluster, show its topology as Aurora's
// aurora_replica_status() reports it, fail the writer over, and show the new topology.
using System.Diagnostics;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

const string TopologySql = """
    SELECT SERVER_ID, CASE WHEN SESSION_ID = 'MASTER_SESSION_ID' THEN TRUE ELSE FALSE END,
           CPU, COALESCE(REPLICA_LAG_IN_MSEC, 0), LAST_UPDATE_TIMESTAMP
    FROM pg_catalog.aurora_replica_status()
    WHERE EXTRACT(EPOCH FROM (NOW() - LAST_UPDATE_TIMESTAMP)) <= 300
       OR SESSION_ID = 'MASTER_SESSION_ID' OR LAST_UPDATE_TIMESTAMP IS NULL
    """;

await using var cluster = await LocalPostgresCluster.StartAsync();
Console.WriteLine($"Started {cluster.Nodes.Count} nodes in {cluster.StartupDuration.TotalMilliseconds:0} ms.");
Console.WriteLine($"Instance endpoints: {cluster.InstanceEndpoints}");
await PrintTopologyAsync(cluster.Writer, "Topology before failover");

var oldWriter = cluster.Writer;
var clock = Stopwatch.StartNew();
var newWriter = await cluster.FailoverAsync(FailoverFault.Crash);
Console.WriteLine($"Crashed {oldWriter.InstanceId}; promoted {newWriter.InstanceId} in {cluster.LastPromotionDuration?.TotalMilliseconds:0} ms ({clock.ElapsedMilliseconds} ms in all).");
Console.WriteLine($"Waiting {cluster.Options.EndpointRepointDelay.TotalSeconds:0} s for the writer endpoint to follow, as Aurora's DNS does...");
await cluster.WaitForControlPlaneAsync();
Console.WriteLine($"Writer endpoint {cluster.WriterEndpoint.Endpoint} now forwards to {string.Join(", ", cluster.WriterEndpoint.TargetInstanceIds)}.");
await PrintTopologyAsync(newWriter, "Topology after failover");
return 0;

static async Task PrintTopologyAsync(LocalPostgresNode node, string title)
{
    await using var connection = new NpgsqlConnection(node.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(TopologySql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    Console.WriteLine($"{title} (asked {node.InstanceId}):");
    Console.WriteLine($"  {"server_id",-12} {"writer",-6} {"cpu",5} {"lag_ms",6}  last_update");
    while (await reader.ReadAsync())
    {
        Console.WriteLine($"  {reader.GetString(0),-12} {reader.GetBoolean(1),-6} {reader.GetFloat(2),5:0.0} {reader.GetFloat(3),6:0}  {(reader.IsDBNull(4) ? "null" : reader.GetDateTime(4).ToString("O"))}");
    }
}
