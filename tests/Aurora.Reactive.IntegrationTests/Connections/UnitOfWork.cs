using System.Data.Common;
using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>Units of work as a web application writes them: open a pooled connection, write, close.</summary>
internal static class UnitOfWork
{
    /// <summary>One unit: open, run <paramref name="sql"/>, close (the physical connection goes back to its node's pool); the node it ran on.</summary>
    public static async Task<HostSpec> WriteAsync(AuroraDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        return connection.CurrentHost!;
    }

    /// <summary>
    /// Runs the unit again after each failure (a <see cref="DbException"/>, as the library reports failovers) until one
    /// lands or <paramref name="patience"/> of <paramref name="clock"/> has passed; the node it landed on, or
    /// <see langword="null"/>, and the errors seen.
    /// </summary>
    public static async Task<(HostSpec? Landed, List<string> Errors)> UntilOneLandsAsync(AuroraDataSource dataSource, string sql, Stopwatch clock, TimeSpan patience)
    {
        var errors = new List<string>();
        while (clock.Elapsed < patience)
        {
            try
            {
                return (await WriteAsync(dataSource, sql).WaitAsync(patience), errors);
            }
            catch (DbException error)
            {
                errors.Add(error.GetType().Name);
            }
        }

        return (null, errors);
    }
}
