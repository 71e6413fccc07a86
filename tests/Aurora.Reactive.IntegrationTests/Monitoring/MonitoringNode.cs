using System.Data.Common;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>One real node for the monitoring tests, with an Npgsql opener for monitoring connections.</summary>
internal static class MonitoringNode
{
    /// <summary>The application name of monitoring connections, to count them in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "aurora-efm-monitor";

    public static HostSpec Host(LocalPostgresNode node) => new("127.0.0.1", node.Port, node.InstanceId);

    /// <summary>Unpooled connections (a probe must reach the server), with a 2 s connect timeout, through the node's fault forwarder.</summary>
    public static Func<HostSpec, CancellationToken, Task<DbConnection>> Opener(LocalPostgresNode node) => OpenerTo(node.ConnectionString);

    /// <summary>
    /// As <see cref="Opener"/>, straight to the server's own port: for tests that inject no fault. The forwarder runs in the
    /// test process on the thread pool, so a session closed through it is seen by the server only once the pool runs the
    /// forwarder's copy loop; the tests that time a close must not measure the pool's queue.
    /// </summary>
    public static Func<HostSpec, CancellationToken, Task<DbConnection>> DirectOpener(LocalPostgresNode node) => OpenerTo(node.ServerConnectionString);

    private static Func<HostSpec, CancellationToken, Task<DbConnection>> OpenerTo(string nodeConnectionString)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(nodeConnectionString)
        {
            Pooling = false,
            Timeout = 2,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        return async (_, cancellation) =>
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellation);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        };
    }

    /// <summary>Monitoring connections the server sees now, counted over its real port (unaffected by faults of the forwarder).</summary>
    public static async Task<long> CountMonitoringConnectionsAsync(LocalPostgresNode node)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", ApplicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
