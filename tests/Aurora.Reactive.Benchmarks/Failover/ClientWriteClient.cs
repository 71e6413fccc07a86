using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Client;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>Writes as a unit of work of <see cref="AuroraClient"/>, which re-runs it after a failover.</summary>
public sealed class ClientWriteClient(string label, string description, AuroraClient client, string sql = FailoverSql.Write) : IWriteClient
{
    public string Label { get; } = label;

    public string Description { get; } = description;

    public Task<string> WriteAsync(CancellationToken cancellationToken) =>
        client.ExecuteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                CommandParameters.Add(command, "client", Label);
                return (string)(await command.ExecuteScalarAsync(ct))!;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
