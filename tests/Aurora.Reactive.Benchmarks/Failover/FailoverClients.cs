using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>The clients the failover suite compares, all through the kit's client-facing ports (where faults land).</summary>
public static class FailoverClients
{
    public const string TunedSettings = "Host Recheck Seconds=1;Timeout=2;Command Timeout=2;Cancellation Timeout=-1";

    public static IWriteClient AuroraDataSourceOnEndpoint(LocalPostgresCluster cluster)
    {
        var source = AuroraDataSource.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        return new DataSourceWriteClient("(a) AuroraDataSource", "AuroraDataSource on the cluster endpoint with cluster_instance_endpoints, defaults otherwise, a pooled connection opened per write: " + ActiveFeatures.Describe(source), source);
    }

    /// <summary>The opened-per-write row with <paramref name="workers"/> workers sharing one data source, as the requests of a web application.</summary>
    public static IWriteClient AuroraDataSourceOnEndpoint(LocalPostgresCluster cluster, int workers)
    {
        var source = AuroraDataSource.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        return new DataSourceWriteClient(
            $"(a) AuroraDataSource x{workers}",
            $"the same as (a) AuroraDataSource, {workers} workers at once on one data source, each opening a pooled connection per write; down until every worker has written on the new writer",
            source, workers: workers);
    }

    public static IWriteClient AuroraHeldConnectionOnEndpoint(LocalPostgresCluster cluster)
    {
        var source = AuroraDataSource.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        return new HeldConnectionWriteClient("(a) AuroraDataSource held", "the same, one connection held open across writes (continues on the new writer after FailoverSuccessException)", source);
    }

    public static IWriteClient AuroraClientOnEndpoint(LocalPostgresCluster cluster)
    {
        var client = AuroraClient.Create(LibraryConnectionString(cluster), NpgsqlDriver.Instance);
        if (Environment.GetEnvironmentVariable(FailoverSuite.TraceVariable) == "1")
        {
            // Lives as long as the client: both streams complete when it is disposed.
            client.Topology.Subscribe(t => Progress.Write($"trace: topology writer {t.Writer?.InstanceId ?? "none"} read from {t.ReadFrom?.Endpoint ?? "?"}"));
            client.Events.Subscribe(e => Progress.Write($"trace: client event {e}"));
        }

        return new ClientWriteClient("(a) AuroraClient", "AuroraClient.ExecuteAsync on the cluster endpoint with cluster_instance_endpoints, defaults otherwise: " + ActiveFeatures.Describe(client.DataSource), client);
    }

    public static IWriteClient ClusterEndpoint(LocalPostgresCluster cluster) => new DataSourceWriteClient(
        "(b) endpoint",
        "plain Npgsql (defaults) on the emulated cluster endpoint, which re-points " + cluster.Options.EndpointRepointDelay.TotalSeconds + " s after a promotion",
        NpgsqlDataSource.Create(cluster.WriterConnectionString));

    public static IWriteClient MultiHostDefaults(LocalPostgresCluster cluster) => new DataSourceWriteClient(
        "(c) multi-host",
        "Npgsql multi-host, every node listed, Target Session Attributes=primary, Npgsql defaults",
        NpgsqlDataSource.Create(MultiHost(cluster)));

    public static IWriteClient MultiHostTuned(LocalPostgresCluster cluster) => new DataSourceWriteClient(
        "(c) multi-host tuned",
        "Npgsql multi-host, every node listed, Target Session Attributes=primary, " + TunedSettings,
        NpgsqlDataSource.Create(MultiHost(cluster) + ";" + TunedSettings));

    /// <summary>The tuned multi-host baseline with <paramref name="workers"/> workers on one data source.</summary>
    public static IWriteClient MultiHostTuned(LocalPostgresCluster cluster, int workers) => new DataSourceWriteClient(
        $"(c) multi-host tuned x{workers}",
        $"the same as (c) multi-host tuned, {workers} workers at once on one data source; down until every worker has written on the new writer",
        NpgsqlDataSource.Create(MultiHost(cluster) + ";" + TunedSettings), workers: workers);

    private static string LibraryConnectionString(LocalPostgresCluster cluster) =>
        cluster.WriterConnectionString + ";cluster_instance_endpoints=" + cluster.InstanceEndpoints;

    private static string MultiHost(LocalPostgresCluster cluster) =>
        "Host=" + string.Join(",", cluster.Nodes.Select(n => n.Endpoint)) + ";Username=postgres;Database=postgres;Target Session Attributes=primary";
}
