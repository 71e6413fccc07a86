using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Builds the paths the overhead suite compares, all on the writer's real port (the kit's forwarder would add its own cost).</summary>
public static class OverheadTargets
{
    public static IOverheadTarget PlainNpgsql(LocalPostgresCluster cluster) =>
        new DataSourceTarget("(a)", "plain NpgsqlDataSource, pooled", NpgsqlDataSource.Create(cluster.Writer.ServerConnectionString));

    public static IOverheadTarget AuroraDataSourceWithFeatures(LocalPostgresCluster cluster)
    {
        var connectionString = AuroraConnectionString.Parse(
            cluster.Writer.ServerConnectionString + ";cluster_instance_endpoints=" + BenchCluster.DirectInstanceEndpoints(cluster));
        var source = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance, failoverHandler: null);
        return new DataSourceTarget("(b)", "AuroraDataSource, " + ActiveFeatures(source, connectionString), source);
    }

    /// <summary>Which plugins really run in this build, read from the data source rather than from what was asked.</summary>
    private static string ActiveFeatures(AuroraDataSource source, AuroraConnectionString requested)
    {
        var failover = source.Settings.FailoverHandler is not null
            ? "failover on"
            : requested.Options.IsFailoverActive ? "failover requested but no coordinator in this build (pass-through)" : "failover off";
        return failover + "; EFM not wired into commands in this build";
    }
}
