using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Short SQL calls the kit makes straight to a server's real port (never through a forwarder).</summary>
internal static class ServerSql
{
    /// <summary>A connection string to a server's real port as the superuser, without pooling.</summary>
    internal static string ConnectionString(int serverPort, string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={serverPort};Username=postgres;Database={database};Pooling=false;Timeout=3;Command Timeout=10");

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row.</summary>
    internal static async Task<object?> ScalarAsync(int serverPort, string sql, CancellationToken cancellationToken, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(serverPort, database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is DBNull ? null : result;
    }

    /// <summary>Retries <paramref name="check"/> until it returns true or <paramref name="timeout"/> passes; failures of single attempts (any provider's <see cref="DbException"/>) are retried.</summary>
    /// <exception cref="TimeoutException">The check never returned true in time.</exception>
    internal static async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> check, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await check(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {what}.{(last is null ? string.Empty : " Last error: " + last.Message)}");
    }
}
