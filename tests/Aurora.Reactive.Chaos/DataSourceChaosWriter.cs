using Aurora.Reactive.Connections;

namespace Aurora.Reactive.Chaos;

/// <summary>Writes as a web application does with <see cref="AuroraDataSource"/>: per unit of work, open, begin, insert, commit, dispose.</summary>
public sealed class DataSourceChaosWriter(AuroraDataSource source) : IChaosWriter
{
    public const string KindName = "AuroraDataSource";

    public string Kind => KindName;

    public async Task<string> WriteAsync(long id, string writer, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ChaosSql.Insert;
        ClientChaosWriter.AddParameter(command, "id", id);
        ClientChaosWriter.AddParameter(command, "writer", writer);
        var instance = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Whatever the COMMIT threw, the application cannot tell whether it was applied.
        catch (Exception error)
#pragma warning restore CA1031
        {
            throw new CommitOutcomeUnknownException(error);
        }

        return instance;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
