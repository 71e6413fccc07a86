using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.MySqlConnector;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySqlConnector;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>The clients the MySQL failover suite compares: the library over MySqlConnector, and MySqlConnector's own multi-host failover.</summary>
public static class MySqlFailoverClients
{
    public const string TunedSettings = "Connection Timeout=2;Default Command Timeout=2";

    public static IWriteClient AuroraHeldConnectionOnEndpoint(LocalMariaDbCluster cluster)
    {
        var source = AuroraDataSource.Create(LibraryConnectionString(cluster), MySqlConnectorDriver.Instance);
        return new HeldConnectionWriteClient(
            "(a) AuroraDataSource held",
            "AuroraDataSource over MySqlConnector on the cluster endpoint with cluster_instance_endpoints, defaults otherwise, one connection held open across writes (continues on the new writer after FailoverSuccessException): " + ActiveFeatures.Describe(source),
            source,
            FailoverSql.MySqlWrite);
    }

    public static IWriteClient AuroraClientOnEndpoint(LocalMariaDbCluster cluster)
    {
        var client = AuroraClient.Create(LibraryConnectionString(cluster), MySqlConnectorDriver.Instance);
        return new ClientWriteClient(
            "(a) AuroraClient",
            "AuroraClient.ExecuteAsync over MySqlConnector, the same connection string: " + ActiveFeatures.Describe(client.DataSource),
            client,
            FailoverSql.MySqlWrite);
    }

    public static IWriteClient MultiHostDefaults(LoopbackAliases aliases) => new DataSourceWriteClient(
        "(m) MySqlConnector FailOver",
        "plain MySqlConnector, every node listed (Server=a,b,c;LoadBalance=FailOver), MySqlConnector defaults (Connection Timeout=15, Default Command Timeout=30)",
        new MySqlDataSource(MultiHost(aliases)),
        FailoverSql.MySqlWrite);

    public static IWriteClient MultiHostTuned(LoopbackAliases aliases) => new DataSourceWriteClient(
        "(m) MySqlConnector FailOver tuned",
        "the same with " + TunedSettings,
        new MySqlDataSource(MultiHost(aliases) + ";" + TunedSettings),
        FailoverSql.MySqlWrite);

    private static string LibraryConnectionString(LocalMariaDbCluster cluster) =>
        cluster.WriterConnectionString + ";cluster_instance_endpoints=" + cluster.InstanceEndpoints;

    private static string MultiHost(LoopbackAliases aliases) =>
        Reporting.Format.Invariant($"Server={string.Join(",", aliases.Hosts)};Port={aliases.Port};User ID=aurora;Database=app;CharacterSet=utf8mb4;SslMode=None;LoadBalance=FailOver");
}
