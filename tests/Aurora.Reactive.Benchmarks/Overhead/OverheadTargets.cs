using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Builds the paths the overhead suite compares, all on the writer's real port (the kit's forwarder would add its own cost).</summary>
public static class OverheadTargets
{
    public static IOverheadTarget PlainNpgsql(LocalPostgresCluster cluster) =>
        new DataSourceTarget("(a)", "plain NpgsqlDataSource, pooled", NpgsqlDataSource.Create(cluster.Writer.ServerConnectionString));

    /// <summary>
    /// A second, identical plain pool: its ratio to (a) is what the method reads for two equal paths in the same run,
    /// so a ratio of (b) or (c) within that distance of 1 is not a measured difference.
    /// </summary>
    public static IOverheadTarget PlainNpgsqlControl(LocalPostgresCluster cluster) =>
        new DataSourceTarget("(a')", "a second plain NpgsqlDataSource, pooled, the same as (a): the control", NpgsqlDataSource.Create(cluster.Writer.ServerConnectionString));

    public static IOverheadTarget AuroraDataSourceWithFeatures(LocalPostgresCluster cluster)
    {
        var source = AuroraDataSource.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        return new DataSourceTarget("(b)", "AuroraDataSource.Create(connection string, NpgsqlDriver.Instance) with the defaults: " + ActiveFeatures.Describe(source), source);
    }

    public static IOverheadTarget Client(LocalPostgresCluster cluster)
    {
        var client = AuroraClient.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        return new ClientTarget("(c)", "AuroraClient.ExecuteAsync with the defaults: " + ActiveFeatures.Describe(client.DataSource), client);
    }

    /// <summary>The writer's real port with every node's real port as the instance endpoints; every other setting at its default.</summary>
    private static string LibraryConnectionString(LocalPostgresCluster cluster) =>
        cluster.Writer.ServerConnectionString + ";cluster_instance_endpoints=" + BenchCluster.DirectInstanceEndpoints(cluster);
}
