using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>A statement on a <see cref="SimulatedConnection"/>; asynchronous only, answered by <see cref="SimulatedSql"/>.</summary>
internal sealed class SimulatedCommand(SimulatedConnection connection) : DbCommand
{
    private readonly NpgsqlParameterCollection _parameters = new NpgsqlCommand().Parameters;

    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get => connection; set => throw new NotSupportedException(); }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    public override int ExecuteNonQuery() => throw Synchronous();

    public override object? ExecuteScalar() => throw Synchronous();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Synchronous();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await connection.RunAsync(CommandText, cancellationToken).ConfigureAwait(false);
        return 1;
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => connection.RunAsync(CommandText, cancellationToken);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var answer = await connection.RunAsync(CommandText, cancellationToken).ConfigureAwait(false);
        return (answer as DataTable ?? SimulatedSql.OneValue(answer)).CreateDataReader();
    }

    protected override DbParameter CreateDbParameter() => new NpgsqlParameter();

    private static NotSupportedException Synchronous() => new("The simulated driver is asynchronous only: call the Async methods.");
}
