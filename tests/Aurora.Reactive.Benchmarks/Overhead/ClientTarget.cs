using System.Data.Common;
using Aurora.Reactive.Benchmarks.Library;
using Aurora.Reactive.Client;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Runs the operations as units of work of <see cref="AuroraClient.ExecuteAsync(Func{DbConnection, CancellationToken, Task}, CancellationToken)"/>.</summary>
public sealed class ClientTarget(string label, string description, AuroraClient client) : IOverheadTarget
{
    public string Label { get; } = label;

    public string Description { get; } = description;

    public bool HasOpenConnection => false;

    public Task SelectOneAsync(CancellationToken cancellationToken) =>
        client.ExecuteAsync(
            static async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = OverheadSql.SelectOne;
                await command.ExecuteScalarAsync(ct);
            },
            cancellationToken);

    public Task InsertAsync(int amount, CancellationToken cancellationToken) =>
        client.ExecuteAsync(
            async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = OverheadSql.Insert;
                CommandParameters.Add(command, "label", OverheadSql.Label);
                CommandParameters.Add(command, "amount", amount);
                await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);

    public Task SelectOneOnOpenConnectionAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Label}: the client API hands out no long-lived connection.");

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
