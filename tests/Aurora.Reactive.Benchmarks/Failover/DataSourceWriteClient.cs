using System.Data.Common;
using Aurora.Reactive.Benchmarks.Library;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// Writes through any <see cref="DbDataSource"/>: open a pooled connection, insert, close, as an application does;
/// <paramref name="workers"/> loops do so at once, as the requests of a web application.
/// </summary>
public sealed class DataSourceWriteClient(string label, string description, DbDataSource source, string sql = FailoverSql.Write, int workers = 1) : IWriteClient
{
    public int Workers { get; } = workers;

    public string Label { get; } = label;

    public string Description { get; } = description;

    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        CommandParameters.Add(command, "client", Label);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
