using System.Collections.Concurrent;
using Aurora.Reactive.Client;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>An <see cref="AuroraClient"/> over a real local cluster, reaching it through the emulated writer endpoint.</summary>
internal sealed class ClientClusterScenario : IAsyncDisposable
{
    public const string ApplicationName = "aurora-client-tests";

    private ClientClusterScenario(LocalPostgresCluster cluster, AuroraClient client, string connectionString)
    {
        Cluster = cluster;
        Client = client;
        ConnectionString = connectionString;
        client.Events.Subscribe(Events.Enqueue);
    }

    public LocalPostgresCluster Cluster { get; }

    public AuroraClient Client { get; }

    /// <summary>The client's connection string: the writer endpoint, instance endpoints, aggressive failure detection.</summary>
    public string ConnectionString { get; }

    public ConcurrentQueue<AuroraClientEvent> Events { get; } = new();

    public static async Task<ClientClusterScenario> StartAsync(LocalPostgresClusterOptions options, AuroraClientOptions? clientOptions = null)
    {
        var cluster = await LocalPostgresCluster.StartAsync(options);
        try
        {
            var connectionString = string.Join(
                ';',
                cluster.WriterConnectionString,
                $"Application Name={ApplicationName};Timeout=3;Command Timeout=15",
                $"cluster_instance_endpoints={cluster.InstanceEndpoints}",
                "failover_timeout_sec=30;topology_refresh_rate_ms=1000",
                "failure_detection_time_ms=1000;failure_detection_interval_ms=500;failure_detection_count=2",
                "monitor_disposal_time_ms=0;topology_monitor_disposal_time_ms=0");
            var builder = AuroraClient.CreateBuilder(connectionString, NpgsqlDriver.Instance);
            if (clientOptions is not null)
            {
                builder.WithOptions(clientOptions);
            }

            return new ClientClusterScenario(cluster, builder.Build(), connectionString);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL directly on a node, outside the client.</summary>
    public static async Task<object?> ScalarOnAsync(LocalPostgresNode node, string sql)
    {
        await using var connection = new NpgsqlConnection(node.ServerConnectionString + ";Pooling=false;Application Name=aurora-client-tests-check");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The client's sessions on a node (its own and its monitors'), counted by the server.</summary>
    public static async Task<long> SessionsOnAsync(LocalPostgresNode node) =>
        (long)(await ScalarOnAsync(
            node,
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name IN ('{ApplicationName}', '{HostMonitoringSettings.DefaultApplicationName}')"))!;

    /// <summary>The client's sessions on a node, one line each (application, state, age, last query), to say what was left behind.</summary>
    public static async Task<string> DescribeSessionsOnAsync(LocalPostgresNode node) =>
        (string?)await ScalarOnAsync(
            node,
            "SELECT coalesce(string_agg(application_name || ' ' || coalesce(state, '?') || ' since ' || (now() - backend_start)::text || ': ' || left(query, 80), E'\n'), 'none') "
            + $"FROM pg_stat_activity WHERE application_name IN ('{ApplicationName}', '{HostMonitoringSettings.DefaultApplicationName}')") ?? "none";

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
