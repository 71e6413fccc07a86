using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>Counts client connections on every node: the workload's, and every other one (monitoring, topology), leaving out the harness's own.</summary>
public static class ServerConnections
{
    private const string Count =
        "SELECT count(*) FILTER (WHERE application_name = '" + ScalePlan.WorkloadApplicationName + "'),"
        + " count(*) FILTER (WHERE application_name NOT IN ('" + ScalePlan.WorkloadApplicationName + "', 'bench-admin'))"
        + " FROM pg_stat_activity WHERE backend_type = 'client backend'";

    public static async Task<(long Workload, long Other)> CountAsync(LocalPostgresCluster cluster, CancellationToken cancellationToken)
    {
        long workload = 0, other = 0;
        foreach (var node in cluster.Nodes)
        {
            await using var connection = new NpgsqlConnection(BenchCluster.Admin(node));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Count, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            workload += reader.GetInt64(0);
            other += reader.GetInt64(1);
        }

        return (workload, other);
    }
}
