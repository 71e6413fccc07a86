using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>The variants the scale suite compares, on the writer's real port with a pool as large as the level.</summary>
public static class ScaleVariants
{
    public static ScaleVariant PlainNpgsql(LocalPostgresCluster cluster) => new(
        "(n) plain Npgsql",
        "NpgsqlDataSource, no monitoring",
        size => NpgsqlDataSource.Create(Workload(cluster, size)));

    public static ScaleVariant Aurora(LocalPostgresCluster cluster) => new(
        "(a) AuroraDataSource",
        "AuroraDataSource from a connection string with failover and EFM requested (failure_detection_time_ms=200, so every command opens a detection window); in this build failover has no coordinator and EFM is not wired into commands",
        size =>
        {
            var connectionString = AuroraConnectionString.Parse(
                Workload(cluster, size) + ";cluster_instance_endpoints=" + BenchCluster.DirectInstanceEndpoints(cluster)
                + ";failure_detection_time_ms=200;failure_detection_interval_ms=1000;failure_detection_count=3");
            return AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance, failoverHandler: null);
        });

    private static string Workload(LocalPostgresCluster cluster, int size) =>
        new NpgsqlConnectionStringBuilder(cluster.Writer.ServerConnectionString)
        {
            MaxPoolSize = size + 10,
            ApplicationName = ScalePlan.WorkloadApplicationName,
            Timeout = 60,
        }.ConnectionString;
}
