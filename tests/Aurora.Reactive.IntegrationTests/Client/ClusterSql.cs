using System.Data.Common;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>Small SQL helpers for units of work and for polling the server.</summary>
internal static class ClusterSql
{
    public static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, for at most <paramref name="patience"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan patience, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}.");
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for at most <paramref name="patience"/>.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what) =>
        WaitForAsync<bool>(async () => await condition() ? true : null, patience, what);
}
