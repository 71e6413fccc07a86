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
    /// <summary>
    /// How long a session closed by its client may still show in <c>pg_stat_activity</c>, counted as these checks count
    /// (every node asked in turn): the server's own latency from the client's goodbye to the backend's exit, on a loaded
    /// 2-core machine. A plain Npgsql connection closed the same way (<see cref="PlainCloseAsync"/>) took 16-111 ms in 15
    /// measurements here (2026-12-02), the data sources' and clients' last sessions 25-128 ms; one reading of 635 ms,
    /// and one session gone a few ms after a 250 ms bound, came while the test process got little CPU. The bound leaves
    /// room for that on the CI machine: the faults these tests guard against leave a session for seconds (a monitor's
    /// close queued behind a starved thread pool, which MonitorDisposalTests fails at any bound) or for good (a close
    /// the driver refused).
    /// </summary>
    public static readonly TimeSpan ServerLatency = TimeSpan.FromSeconds(1);

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

    /// <summary>What was left when <see cref="TimeUntilGoneAsync"/> reached its deadline, and when it went (if within 5 s more).</summary>
    public string LeftBehind { get; private set; } = "none";

    /// <summary>
    /// Polls until no session is left or <paramref name="deadline"/> passed; the time it took, or <see langword="null"/> on
    /// the deadline, when <see cref="LeftBehind"/> says what was still there and how long it stayed.
    /// </summary>
    public async Task<TimeSpan?> TimeUntilGoneAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var gone = await TimeUntilNoneAsync(AllAsync, deadline);
        if (gone is null)
        {
            var describedAt = clock.ElapsedMilliseconds;
            var left = await DescribeAsync();
            var later = await TimeUntilNoneAsync(AllAsync, TimeSpan.FromSeconds(5));
            LeftBehind = $"at {describedAt} ms:{Environment.NewLine}{left}{Environment.NewLine}"
                + (later is null ? "still there 5 s later" : $"gone {(clock.Elapsed).TotalMilliseconds:0} ms after the dispose");
        }

        return gone;
    }

    private static async Task<TimeSpan?> TimeUntilNoneAsync(Func<Task<long>> sessions, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = await sessions();
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

    /// <summary>
    /// The server's own latency, measured now: an unpooled Npgsql session under a name of its own is opened on the writer
    /// and closed, and the time until no node shows it, counted as <see cref="TimeUntilGoneAsync"/> counts.
    /// </summary>
    public static async Task<TimeSpan?> PlainCloseAsync(LocalPostgresCluster cluster)
    {
        var name = $"aurora-plain-close-{Guid.NewGuid().ToString("N")[..8]}";
        var plain = new ServerSessions(cluster, name, DateTime.UtcNow);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Writer.ServerConnectionString) { Pooling = false, ApplicationName = name }.ConnectionString))
        {
            await connection.OpenAsync();
        }

        return await TimeUntilNoneAsync(plain.OwnAsync, TimeSpan.FromSeconds(5));
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
