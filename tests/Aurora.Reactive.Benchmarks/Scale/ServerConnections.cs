using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>
/// Counts client connections on every node, leaving out the harness's own: all of them, and those that
/// name themselves as the library's monitoring connections.
/// </summary>
public static class ServerConnections
{
    public const string MonitorApplicationName = "aurora-reactive-monitor";

    private const string Count =
        "SELECT count(*), count(*) FILTER (WHERE application_name = '" + MonitorApplicationName + "')"
        + " FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> 'bench-admin'";

    public static async Task<(long All, long Monitoring)> CountAsync(LocalPostgresCluster cluster, CancellationToken cancellationToken)
    {
        long all = 0, monitoring = 0;
        foreach (var node in cluster.Nodes)
        {
            await using var connection = new NpgsqlConnection(BenchCluster.Admin(node));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Count, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            all += reader.GetInt64(0);
            monitoring += reader.GetInt64(1);
        }

        return (all, monitoring);
    }
}
