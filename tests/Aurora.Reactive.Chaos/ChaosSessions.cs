using System.Diagnostics;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.Chaos;

/// <summary>
/// The run's sessions on every running node, as <c>pg_stat_activity</c> shows them: those under the run's
/// Application Name (data and topology connections) and the host monitors' (<see cref="HostMonitoringSettings.DefaultApplicationName"/>;
/// the cluster is the run's own, so every monitor session on it is the run's).
/// </summary>
public sealed class ChaosSessions(LocalPostgresCluster cluster, string applicationName)
{
    private const string CheckApplicationName = "aurora-chaos-check";

    private const string Condition = "application_name IN (@app, @monitor) AND pid <> pg_backend_pid()";

    /// <summary>Counts every <paramref name="every"/> until none is left or <paramref name="deadline"/> has passed: the count at the end, and the time to zero.</summary>
    public async Task<(long Left, TimeSpan? GoneAfter)> WaitUntilGoneAsync(TimeSpan deadline, TimeSpan every, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = await CountAsync(cancellationToken);
            if (count == 0)
            {
                return (0, clock.Elapsed);
            }

            if (clock.Elapsed >= deadline)
            {
                return (count, null);
            }

            await Task.Delay(every, cancellationToken);
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var node in Running())
        {
            await using var connection = await OpenAsync(node, cancellationToken);
            await using var command = Command(connection, $"SELECT count(*) FROM pg_stat_activity WHERE {Condition}");
            total += (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return total;
    }

    /// <summary>One line per session left: node, application, state, age, query.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var node in Running())
        {
            await using var connection = await OpenAsync(node, cancellationToken);
            await using var command = Command(
                connection,
                "SELECT application_name || ' ' || coalesce(state, '?') || ' since ' || (now() - backend_start)::text || ': ' || left(query, 60) FROM pg_stat_activity WHERE " + Condition);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add($"{node.InstanceId}: {reader.GetString(0)}");
            }
        }

        return lines.Count == 0 ? "none" : string.Join("; ", lines);
    }

    private IEnumerable<LocalPostgresNode> Running() => cluster.Nodes.Where(n => n.State == LocalNodeState.Running);

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("app", applicationName);
        command.Parameters.AddWithValue("monitor", HostMonitoringSettings.DefaultApplicationName);
        return command;
    }

    private static async Task<NpgsqlConnection> OpenAsync(LocalPostgresNode node, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(Admin(node, CheckApplicationName));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>An unpooled superuser connection string to a node's real port (past its network forwarder).</summary>
    internal static string Admin(LocalPostgresNode node, string applicationName) =>
        new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false, ApplicationName = applicationName }.ConnectionString;
}
