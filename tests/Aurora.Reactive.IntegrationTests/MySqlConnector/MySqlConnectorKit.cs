using System.Data;
using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.MySqlConnector;
using Aurora.Reactive.Testing.LocalMariaDb;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.IntegrationTests.MySqlConnector;

/// <summary>
/// A data source built the way users build it over MySqlConnector, <c>AuroraDataSource.Create(connection string,
/// MySqlConnectorDriver.Instance)</c>, on a local MariaDB cluster: the string names the writer node and every instance
/// with <c>cluster_instance_endpoints</c>, failover and failure monitoring are on, and the dialect is whatever the server
/// says it is (MySQL replication on MariaDB; Aurora MySQL over the kit's emulation with <see cref="EmulatedAurora"/>).
/// </summary>
internal sealed class MySqlConnectorKit : IAsyncDisposable
{
    private MySqlConnectorKit(LocalMariaDbCluster cluster, AuroraDataSource dataSource)
    {
        Cluster = cluster;
        DataSource = dataSource;
    }

    /// <summary>MySqlConnector whose Aurora dialect reads the kit's emulated topology table, so the Aurora MySQL path runs on MariaDB.</summary>
    public static IDatabaseDriver EmulatedAurora { get; } = new EmulatedAuroraDriver();

    public LocalMariaDbCluster Cluster { get; }

    public AuroraDataSource DataSource { get; }

    /// <summary>
    /// Starts a cluster and a data source over it. By default the string names the writer and every instance with
    /// <c>cluster_instance_endpoints</c>; with <paramref name="listEveryNode"/> it lists every node in <c>Server=</c>
    /// (writer first) and names no instances, README's other MySQL configuration. <paramref name="entry"/> picks the node
    /// the string names (the writer by default).
    /// </summary>
    public static async Task<MySqlConnectorKit> StartAsync(
        LocalMariaDbClusterOptions options, string settings = "", IDatabaseDriver? driver = null, bool listEveryNode = false, Func<LocalMariaDbCluster, string>? entry = null)
    {
        var cluster = await LocalMariaDbCluster.StartAsync(options);
        try
        {
            var connectionString = listEveryNode
                ? $"Server={string.Join(",", cluster.Nodes.Select(n => n.Endpoint))};User ID=aurora;Database=app;SslMode=None;Connection Timeout=2;topology_monitor_disposal_time_ms=0;{settings}"
                : $"{(entry ?? (c => c.Writer.ConnectionString))(cluster)};Connection Timeout=2;cluster_instance_endpoints={cluster.InstanceEndpoints};topology_monitor_disposal_time_ms=0;{settings}";
            return new MySqlConnectorKit(cluster, AuroraDataSource.Create(connectionString, driver ?? MySqlConnectorDriver.Instance));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node's instance id, as the kit sets it (<c>@@report_host</c>).</summary>
    public static async Task<string?> InstanceIdAsync(AuroraConnection connection) =>
        (string?)await ScalarAsync(connection, MariaDbAuroraEmulation.InstanceIdSql);

    public static async Task<object?> ScalarAsync(AuroraConnection connection, string sql, AuroraTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The statement's result, or the next statement's after the FailoverSuccess the first one may raise (an idle connection may also move silently).</summary>
    public static async Task<(string? Instance, bool Raised)> InstanceIdAfterFailoverAsync(AuroraConnection connection)
    {
        try
        {
            return (await InstanceIdAsync(connection), false);
        }
        catch (Aurora.Reactive.Failover.FailoverSuccessException)
        {
            return (await InstanceIdAsync(connection), true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class EmulatedAuroraDriver : IDatabaseDriver
    {
        private static readonly MySqlConnectorDriver Inner = MySqlConnectorDriver.Instance;

        public string DisplayName => "MySqlConnector (Aurora emulation)";

        public IDriverErrorClassifier ErrorClassifier => Inner.ErrorClassifier;

        public IClusterDialect AuroraDialect { get; } = ClusterDialects.EmulatedAuroraMySql(
            MariaDbAuroraEmulation.TopologyTable, MariaDbAuroraEmulation.InstanceIdSql, MariaDbAuroraEmulation.IsReaderSql, MariaDbAuroraEmulation.DetectionSql);

        public IClusterDialect ReplicationDialect => Inner.ReplicationDialect;

        public int DefaultPort => Inner.DefaultPort;

        public bool BlocksInAsyncCalls => false;

        public IHostConnectionFactory CreateConnectionFactory(string connectionString) => Inner.CreateConnectionFactory(connectionString);

        public DbParameter CreateParameter() => Inner.CreateParameter();

        public string GetReadOnlySql(bool readOnly) => Inner.GetReadOnlySql(readOnly);

        public string GetIsolationLevelSql(IsolationLevel isolationLevel) => Inner.GetIsolationLevelSql(isolationLevel);
    }
}
