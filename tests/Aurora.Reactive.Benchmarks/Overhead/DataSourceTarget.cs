using System.Data.Common;
using Aurora.Reactive.Benchmarks.Library;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>
/// Runs the operations through any <see cref="DbDataSource"/> with the same code, so plain Npgsql and
/// <c>AuroraDataSource</c> differ only in the data source behind it.
/// </summary>
public sealed class DataSourceTarget(string label, string description, DbDataSource source) : IOverheadTarget
{
    private DbConnection? _held;
    private DbCommand? _heldCommand;

    public string Label { get; } = label;

    public string Description { get; } = description;

    public bool HasOpenConnection => true;

    public async Task SelectOneAsync(CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = OverheadSql.SelectOne;
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task InsertAsync(int amount, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = OverheadSql.Insert;
        CommandParameters.Add(command, "label", OverheadSql.Label);
        CommandParameters.Add(command, "amount", amount);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SelectOneOnOpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_heldCommand is null)
        {
            _held = await source.OpenConnectionAsync(cancellationToken);
            _heldCommand = _held.CreateCommand();
            _heldCommand.CommandText = OverheadSql.SelectOne;
        }

        await _heldCommand.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_heldCommand is not null)
        {
            await _heldCommand.DisposeAsync();
        }

        if (_held is not null)
        {
            await _held.DisposeAsync();
        }

        await source.DisposeAsync();
    }
}
