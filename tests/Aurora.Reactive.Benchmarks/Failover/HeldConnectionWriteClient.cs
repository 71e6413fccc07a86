using System.Data;
using System.Data.Common;
using Aurora.Reactive.Benchmarks.Library;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// Writes on one connection held open across writes (a worker with its own connection); it is replaced
/// only when it is no longer open after an error.
/// </summary>
public sealed class HeldConnectionWriteClient(string label, string description, DbDataSource source, string sql = FailoverSql.Write) : IWriteClient
{
    private DbConnection? _connection;

    public string Label { get; } = label;

    public string Description { get; } = description;

    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        _connection ??= await source.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            CommandParameters.Add(command, "client", Label);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch when (_connection.State != ConnectionState.Open)
        {
            await _connection.DisposeAsync();
            _connection = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await source.DisposeAsync();
    }
}
