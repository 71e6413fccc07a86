using System.Diagnostics;
using Npgsql;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>Small Npgsql helpers for the kit's tests: no pooling, so a broken server never hides behind a pooled connection.</summary>
internal static class Sql
{
    /// <summary>
    /// No pooling and the given timeouts. Measured against a frozen server (Npgsql 10): a command that
    /// times out still takes about CommandTimeout + 2 x Timeout, even with <c>Cancellation Timeout=-1</c>.
    /// </summary>
    internal static string NoPool(string connectionString, int timeoutSeconds = 5, int commandTimeoutSeconds = 10) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, Timeout = timeoutSeconds, CommandTimeout = commandTimeoutSeconds, CancellationTimeout = -1,
        }.ConnectionString;

    internal static async Task<NpgsqlConnection> OpenAsync(string connectionString, int timeoutSeconds = 5, int commandTimeoutSeconds = 10)
    {
        var connection = new NpgsqlConnection(NoPool(connectionString, timeoutSeconds, commandTimeoutSeconds));
        await connection.OpenAsync();
        return connection;
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        return await ScalarAsync<T>(connection, sql);
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<IReadOnlyList<TopologyRow>> TopologyAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(ReferenceSql.Topology, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<TopologyRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new TopologyRow(
                reader.GetString(0), reader.GetBoolean(1), reader.GetFloat(2), reader.GetFloat(3),
                reader.IsDBNull(4) ? null : reader.GetDateTime(4)));
        }

        return rows;
    }

    /// <summary>Polls <paramref name="check"/> until it holds, with a bounded deadline; errors of single attempts count as "not yet". Returns the time it took.</summary>
    internal static async Task<TimeSpan> PollAsync(Func<Task<bool>> check, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await check())
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                last = e;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Not true after {timeout.TotalSeconds} s: {what}. Last error: {last?.Message ?? "none"}");
    }
}
