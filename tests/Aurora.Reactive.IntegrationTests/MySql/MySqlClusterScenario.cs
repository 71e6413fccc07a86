using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.MySql;
using Aurora.Reactive.Testing.LocalMariaDb;
using Aurora.Reactive.Topology;
using MySql.Data.MySqlClient;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>
/// An AuroraDataSource over a real local MariaDB cluster through <see cref="MySqlDriver"/> and MySql.Data, with the
/// test failover handler (asking <c>@@read_only</c>) standing in for the coordinator.
/// </summary>
internal sealed class MySqlClusterScenario : IAsyncDisposable
{
    /// <summary>The one-line set-up documented for MySql.Data.</summary>
    public static readonly MySqlDriver Driver = MySqlDriver.Create(cs => new MySqlConnection(cs), "MySql.Data");

    private MySqlClusterScenario(LocalMariaDbCluster cluster, AuroraDataSource dataSource, NodeFailoverHandler handler)
    {
        Cluster = cluster;
        DataSource = dataSource;
        Handler = handler;
    }

    public LocalMariaDbCluster Cluster { get; }

    public AuroraDataSource DataSource { get; }

    public NodeFailoverHandler Handler { get; }

    /// <summary>Starts a cluster and a data source on <paramref name="initialConnectionString"/> (the writer node's by default).</summary>
    public static async Task<MySqlClusterScenario> StartAsync(
        LocalMariaDbClusterOptions options, Func<LocalMariaDbCluster, string>? initialConnectionString = null, int commandTimeoutSeconds = 30)
    {
        var cluster = await LocalMariaDbCluster.StartAsync(options);
        var builder = new MySqlConnectionStringBuilder(initialConnectionString?.Invoke(cluster) ?? cluster.Writer.ConnectionString)
        {
            ConnectionTimeout = 2,
            DefaultCommandTimeout = (uint)commandTimeoutSeconds,
        };
        var handler = new NodeFailoverHandler { ReaderQuery = MySqlReplicationDialect.IsReaderSql };
        var settings = new AuroraConnectionSettings { FailoverHandler = handler, InitialHostRole = HostRole.Writer, FailOverOnReadOnlyError = true };
        return new MySqlClusterScenario(cluster, AuroraDataSource.Create(builder.ConnectionString, Driver, settings), handler);
    }

    /// <summary>The node's instance id, as the kit sets it (<c>@@report_host</c>).</summary>
    public static async Task<string?> InstanceIdAsync(AuroraConnection connection) =>
        (string?)await ScalarAsync(connection, "SELECT CAST(@@report_host AS CHAR)");

    public static async Task<object?> ScalarAsync(AuroraConnection connection, string sql, AuroraTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
