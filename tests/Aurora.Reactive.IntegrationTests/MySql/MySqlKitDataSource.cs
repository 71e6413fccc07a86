using System.Globalization;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>
/// A data source built the way users build it, <c>AuroraDataSource.Create(connection string, MySqlDriver)</c> with the
/// failover coordinator and failure monitoring on, over a local MariaDB cluster: the string lists every node, writer
/// first, so the MySQL replication dialect asks each its <c>@@read_only</c>.
/// </summary>
internal sealed class MySqlKitDataSource : IAsyncDisposable
{
    private MySqlKitDataSource(LocalMariaDbCluster cluster, AuroraDataSource dataSource)
    {
        Cluster = cluster;
        DataSource = dataSource;
    }

    public LocalMariaDbCluster Cluster { get; }

    public AuroraDataSource DataSource { get; }

    public static async Task<MySqlKitDataSource> StartAsync(LocalMariaDbClusterOptions options, string settings = "")
    {
        var cluster = await LocalMariaDbCluster.StartAsync(options);
        try
        {
            var hosts = string.Join(",", cluster.Nodes.Select(n => n.Endpoint));
            var connectionString = string.Create(
                CultureInfo.InvariantCulture,
                $"Server={hosts};User ID=aurora;Database=app;CharacterSet=utf8mb4;SslMode=None;Connection Timeout=2;topology_monitor_disposal_time_ms=0;{settings}");
            return new MySqlKitDataSource(cluster, AuroraDataSource.Create(connectionString, MySqlClusterScenario.Driver));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
