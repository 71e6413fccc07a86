using System.Collections.Concurrent;
using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>An <see cref="AuroraClient"/> over a real local cluster, reaching it through the emulated writer endpoint.</summary>
internal sealed class ClientClusterScenario : IAsyncDisposable
{
    public const string ApplicationName = "aurora-client-tests";

    private ClientClusterScenario(LocalPostgresCluster cluster, AuroraClient client, NodeFailoverHandler handler)
    {
        Cluster = cluster;
        Client = client;
        Handler = handler;
        client.Events.Subscribe(Events.Enqueue);
    }

    public LocalPostgresCluster Cluster { get; }

    public AuroraClient Client { get; }

    /// <summary>Stands in for the coordinator: tell it where the next failover goes.</summary>
    public NodeFailoverHandler Handler { get; }

    public ConcurrentQueue<AuroraClientEvent> Events { get; } = new();

    public static async Task<ClientClusterScenario> StartAsync(LocalPostgresClusterOptions options, AuroraClientOptions? clientOptions = null)
    {
        var cluster = await LocalPostgresCluster.StartAsync(options);
        try
        {
            var handler = new NodeFailoverHandler();
            var connectionString = string.Join(
                ';',
                cluster.WriterConnectionString,
                $"Application Name={ApplicationName};Timeout=3;Command Timeout=5",
                $"cluster_instance_endpoints={cluster.InstanceEndpoints}",
                "failover_timeout_sec=30;topology_refresh_rate_ms=1000");
            var builder = AuroraClient.CreateBuilder(connectionString, NpgsqlDriver.Instance).WithFailoverHandler(handler);
            if (clientOptions is not null)
            {
                builder.WithOptions(clientOptions);
            }

            return new ClientClusterScenario(cluster, builder.Build(), handler);
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

    /// <summary>The client's sessions on a node, counted by the server.</summary>
    public static async Task<long> SessionsOnAsync(LocalPostgresNode node) =>
        (long)(await ScalarOnAsync(node, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ApplicationName}'"))!;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
