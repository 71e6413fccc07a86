using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>The variants the scale suite compares, on the writer's real port with a pool as large as the level.</summary>
public static class ScaleVariants
{
    public static ScaleVariant PlainNpgsql(LocalPostgresCluster cluster) => new(
        "(n) plain Npgsql",
        "NpgsqlDataSource",
        size => NpgsqlDataSource.Create(Workload(cluster, size)),
        _ => "no monitoring");

    /// <summary>Failover and EFM on; the short grace (200 ms) makes every command open a detection window, so monitoring really runs.</summary>
    public static ScaleVariant Aurora(LocalPostgresCluster cluster)
    {
        string ConnectionString(int size) =>
            Workload(cluster, size) + ";cluster_instance_endpoints=" + BenchCluster.DirectInstanceEndpoints(cluster)
            + ";failure_detection_time_ms=200;failure_detection_interval_ms=1000;failure_detection_count=3";
        return new(
            "(a) AuroraDataSource",
            "AuroraDataSource with failure_detection_time_ms=200 (every command opens a detection window), other settings at their defaults",
            size => AuroraDataSource.Create(ConnectionString(size), NpgsqlDriver.Instance),
            source => ActiveFeatures.Describe((AuroraDataSource)source));
    }

    private static string Workload(LocalPostgresCluster cluster, int size) =>
        new NpgsqlConnectionStringBuilder(cluster.Writer.ServerConnectionString)
        {
            MaxPoolSize = size + 10,
            ApplicationName = ScalePlan.WorkloadApplicationName,
            Timeout = 60,
        }.ConnectionString;
}
