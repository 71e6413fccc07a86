using System.Data.Common;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>Runs the long query on a connection of any <see cref="DbDataSource"/>, opened beforehand.</summary>
public sealed class DataSourceLongQuery(string label, string description, DbDataSource source, TimeSpan? bound, string sql = EfmSql.LongQuery) : ILongQueryCandidate
{
    private DbConnection? _connection;

    public string Label { get; } = label;

    public string Description { get; } = description;

    public TimeSpan? Bound { get; } = bound;

    public async Task PrepareAsync(CancellationToken cancellationToken) =>
        _connection = await source.OpenConnectionAsync(cancellationToken);

    public async Task<string> RunAsync()
    {
        var connection = _connection ?? throw new InvalidOperationException($"{Label}: PrepareAsync was not called.");
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteScalarAsync();
        return "returned";
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
