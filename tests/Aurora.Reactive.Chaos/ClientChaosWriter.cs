using Aurora.Reactive.Client;

namespace Aurora.Reactive.Chaos;

/// <summary>
/// Writes through <see cref="AuroraClient.ExecuteInTransactionAsync{T}(Func{System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CancellationToken, Task{T}}, CancellationToken)"/>:
/// the client opens the transaction, re-runs the unit after a failover and resolves a COMMIT that was in flight
/// (its plain <c>ExecuteAsync</c> is at least once by contract, so a re-run insert would be a double by design).
/// </summary>
public sealed class ClientChaosWriter(AuroraClient client) : IChaosWriter
{
    public const string KindName = "AuroraClient";

    public string Kind => KindName;

    public Task<string> WriteAsync(long id, string writer, CancellationToken cancellationToken) =>
        client.ExecuteInTransactionAsync(
            async (connection, transaction, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = ChaosSql.Insert;
                AddParameter(command, "id", id);
                AddParameter(command, "writer", writer);
                return (string)(await command.ExecuteScalarAsync(ct))!;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();

    internal static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
