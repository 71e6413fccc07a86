using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>A command of a <see cref="FakeDbConnection"/>. Its parameters are a real Npgsql parameter collection.</summary>
internal sealed class FakeDbCommand : DbCommand
{
    private readonly FakeDbConnection _connection;
    private readonly NpgsqlParameterCollection _parameters = new NpgsqlCommand().Parameters;

    public FakeDbCommand(FakeDbConnection connection) => _connection = connection;

    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    public int PrepareCount { get; private set; }

    protected override DbConnection? DbConnection { get => _connection; set => throw new NotSupportedException(); }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        _connection.Run(CommandText);
        return 1;
    }

    public override object? ExecuteScalar() => _connection.Run(CommandText);

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await _connection.RunAsync(CommandText, cancellationToken);
        WriteOutputs();
        return 1;
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => _connection.RunAsync(CommandText, cancellationToken);

    public override void Prepare() => PrepareCount++;

    protected override DbParameter CreateDbParameter() => new NpgsqlParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        if (CommandText.StartsWith("STREAM", StringComparison.Ordinal))
        {
            _connection.Run(CommandText);
            return new FakeStreamingReader(_connection);
        }

        var host = (string)_connection.Run(CommandText)!;
        var table = new DataTable();
        table.Columns.Add("host", typeof(string));
        table.Rows.Add(host);
        return table.CreateDataReader();
    }

    private void WriteOutputs()
    {
        foreach (NpgsqlParameter parameter in _parameters)
        {
            if (parameter.Direction != ParameterDirection.Input)
            {
                parameter.Value = 42;
            }
        }
    }
}
