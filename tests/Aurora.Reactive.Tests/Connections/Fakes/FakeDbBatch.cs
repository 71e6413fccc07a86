using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>A batch of a <see cref="FakeDbConnection"/>: runs its statements one after another on the fake node.</summary>
internal sealed class FakeDbBatch(FakeDbConnection connection) : DbBatch
{
    private readonly Commands _commands = new();

    public FakeDbConnection FakeConnection => connection;

    public override int Timeout { get; set; } = 30;

    public int PrepareCount { get; private set; }

    protected override DbBatchCommandCollection DbBatchCommands => _commands;

    protected override DbConnection? DbConnection { get => connection; set => throw new NotSupportedException(); }

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        foreach (var command in _commands.Items)
        {
            connection.Run(command.CommandText);
        }

        return _commands.Count;
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default)
    {
        foreach (var command in _commands.Items)
        {
            await connection.RunAsync(command.CommandText, cancellationToken);
        }

        return _commands.Count;
    }

    public override object? ExecuteScalar() => connection.Run(_commands.Items[0].CommandText);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) =>
        connection.RunAsync(_commands.Items[0].CommandText, cancellationToken);

    public override void Prepare() => PrepareCount++;

    public override Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        PrepareCount++;
        return Task.CompletedTask;
    }

    protected override DbBatchCommand CreateDbBatchCommand() => new Command();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new NotSupportedException();

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    internal sealed class Command : DbBatchCommand
    {
        private readonly NpgsqlParameterCollection _parameters = new NpgsqlCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override CommandType CommandType { get; set; }

        public override int RecordsAffected => 1;

        protected override DbParameterCollection DbParameterCollection => _parameters;
    }

    private sealed class Commands : DbBatchCommandCollection
    {
        public List<DbBatchCommand> Items { get; } = [];

        public override int Count => Items.Count;

        public override bool IsReadOnly => false;

        public override void Add(DbBatchCommand item) => Items.Add(item);

        public override void Clear() => Items.Clear();

        public override bool Contains(DbBatchCommand item) => Items.Contains(item);

        public override void CopyTo(DbBatchCommand[] array, int arrayIndex) => Items.CopyTo(array, arrayIndex);

        public override IEnumerator<DbBatchCommand> GetEnumerator() => Items.GetEnumerator();

        public override int IndexOf(DbBatchCommand item) => Items.IndexOf(item);

        public override void Insert(int index, DbBatchCommand item) => Items.Insert(index, item);

        public override bool Remove(DbBatchCommand item) => Items.Remove(item);

        public override void RemoveAt(int index) => Items.RemoveAt(index);

        protected override DbBatchCommand GetBatchCommand(int index) => Items[index];

        protected override void SetBatchCommand(int index, DbBatchCommand batchCommand) => Items[index] = batchCommand;
    }
}
