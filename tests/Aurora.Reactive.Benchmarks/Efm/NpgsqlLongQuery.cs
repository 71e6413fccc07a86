using Npgsql;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The baseline: plain Npgsql, released only by its own timeouts.</summary>
public sealed class NpgsqlLongQuery(string label, string description, string connectionString) : ILongQueryCandidate
{
    private NpgsqlConnection? _connection;

    public string Label { get; } = label;

    public string Description { get; } = description;

    public TimeSpan? Bound => null;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync(cancellationToken);
    }

    public async Task<string> RunAsync()
    {
        var connection = _connection ?? throw new InvalidOperationException($"{Label}: PrepareAsync was not called.");
        await using var command = new NpgsqlCommand(EfmSql.LongQuery, connection);
        await command.ExecuteScalarAsync();
        return "returned";
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
