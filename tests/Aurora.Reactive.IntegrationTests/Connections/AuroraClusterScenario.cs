using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>A data source over a real local cluster's writer, with the test failover handler installed.</summary>
internal sealed class AuroraClusterScenario : IAsyncDisposable
{
    private bool _ownsCluster;

    private AuroraClusterScenario(LocalPostgresCluster cluster, AuroraDataSource dataSource, NodeFailoverHandler? handler)
    {
        Cluster = cluster;
        DataSource = dataSource;
        Handler = handler;
    }

    public LocalPostgresCluster Cluster { get; }

    public AuroraDataSource DataSource { get; }

    public NodeFailoverHandler? Handler { get; }

    public static AuroraClusterScenario Over(
        LocalPostgresCluster cluster,
        NodeFailoverHandler? handler,
        Func<AuroraConnectionSettings, AuroraConnectionSettings>? configure = null,
        Action<NpgsqlConnectionStringBuilder>? driverSettings = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(cluster.Writer.ConnectionString) { ApplicationName = "aurora-adonet-tests" };
        driverSettings?.Invoke(builder);
        var settings = new AuroraConnectionSettings
        {
            FailoverHandler = handler,
            InitialHostRole = HostRole.Writer,
            FailOverOnReadOnlyError = true,
        };
        var dataSource = AuroraDataSource.Create(builder.ConnectionString, NpgsqlDriver.Instance, configure?.Invoke(settings) ?? settings);
        return new AuroraClusterScenario(cluster, dataSource, handler);
    }

    public static async Task<AuroraClusterScenario> StartAsync(
        LocalPostgresClusterOptions options,
        bool withHandler = true,
        Func<AuroraConnectionSettings, AuroraConnectionSettings>? configure = null,
        Action<NpgsqlConnectionStringBuilder>? driverSettings = null)
    {
        var cluster = await LocalPostgresCluster.StartAsync(options);
        var scenario = Over(cluster, withHandler ? new NodeFailoverHandler() : null, configure, driverSettings);
        scenario._ownsCluster = true;
        return scenario;
    }

    public static async Task<T> ScalarAsync<T>(AuroraConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(AuroraConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_ownsCluster)
        {
            await Cluster.DisposeAsync();
        }
    }
}
