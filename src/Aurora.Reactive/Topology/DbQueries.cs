using System.Data.Common;

namespace Aurora.Reactive.Topology;

/// <summary>Small helpers to run one query on an open ADO.NET connection.</summary>
internal static class DbQueries
{
    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<TopologyRow>> RowsAsync(
        DbConnection connection, string sql, Func<System.Data.IDataRecord, TopologyRow> readRow, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TopologyRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(readRow(reader));
        }

        return rows;
    }
}
