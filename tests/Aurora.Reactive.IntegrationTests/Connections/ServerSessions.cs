using System.Diagnostics;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// The sessions one data source or client has on the servers of a cluster, as <c>pg_stat_activity</c> shows them:
/// those under its Application Name (data and topology connections) and the host monitors' connections (they
/// carry <see cref="HostMonitoringSettings.DefaultApplicationName"/>) opened since it was created.
/// </summary>
internal sealed class ServerSessions(LocalPostgresCluster cluster, string applicationName, DateTime since)
{
    private const string CheckApplicationName = "aurora-disposal-check";

    /// <summary>Starts counting the sessions of <paramref name="applicationName"/>; make it unique to the test.</summary>
    public static ServerSessions Of(LocalPostgresCluster cluster, string applicationName) =>
        new(cluster, applicationName, DateTime.UtcNow.AddMilliseconds(-50));

    /// <summary>Its sessions under its own Application Name, on every node.</summary>
    public Task<long> OwnAsync() => SumAsync("application_name = @app");

    /// <summary>Its host monitors' sessions, on every node.</summary>
    public Task<long> MonitoringAsync() => SumAsync("application_name = @monitor AND backend_start >= @since");

    /// <summary>All of its sessions, on every node.</summary>
    public Task<long> AllAsync() => SumAsync("(application_name = @app OR (application_name = @monitor AND backend_start >= @since))");

    /// <summary>Polls until no session is left or <paramref name="deadline"/> passed; the time it took, or <see langword="null"/> on the deadline.</summary>
    public async Task<TimeSpan?> TimeUntilGoneAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = await AllAsync();
            var elapsed = clock.Elapsed;
            if (count == 0)
            {
                return elapsed;
            }

            if (elapsed > deadline)
            {
                return null;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Its sessions, one line each (node, application, state, age, last query), to say what was left behind.</summary>
    public async Task<string> DescribeAsync()
    {
        var lines = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            await using var connection = await OpenAsync(node);
            await using var command = Command(
                connection,
                "SELECT application_name || ' ' || coalesce(state, '?') || ' since ' || (now() - backend_start)::text || ': ' || left(query, 80) FROM pg_stat_activity WHERE "
                + "(application_name = @app OR (application_name = @monitor AND backend_start >= @since))");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add($"{node.InstanceId}: {reader.GetString(0)}");
            }
        }

        return lines.Count == 0 ? "none" : string.Join(Environment.NewLine, lines);
    }

    private async Task<long> SumAsync(string condition)
    {
        long total = 0;
        foreach (var node in cluster.Nodes)
        {
            await using var connection = await OpenAsync(node);
            await using var command = Command(connection, $"SELECT count(*) FROM pg_stat_activity WHERE {condition}");
            total += (long)(await command.ExecuteScalarAsync())!;
        }

        return total;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("app", applicationName);
        command.Parameters.AddWithValue("monitor", HostMonitoringSettings.DefaultApplicationName);
        command.Parameters.AddWithValue("since", since);
        return command;
    }

    private static async Task<NpgsqlConnection> OpenAsync(LocalPostgresNode node)
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false, ApplicationName = CheckApplicationName }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
