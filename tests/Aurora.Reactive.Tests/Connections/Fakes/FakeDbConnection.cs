using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Connections.Fakes;

/// <summary>An in-memory physical connection to one fake host; records every statement it runs.</summary>
internal sealed class FakeDbConnection : DbConnection
{
    private readonly FakeConnectionFactory _factory;
    private ConnectionState _state = ConnectionState.Closed;

    public FakeDbConnection(FakeConnectionFactory factory, HostSpec host)
    {
        _factory = factory;
        Host = host;
    }

    public HostSpec Host { get; }

    public List<string> Executed { get; } = new();

    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDisposed => _disposed.Task.IsCompleted;

    /// <summary>Completes when the connection is disposed.</summary>
    public Task DisposedTask => _disposed.Task;

    public FakeDbTransaction? LastTransaction { get; private set; }

    [AllowNull]
    public override string ConnectionString { get; set; } = string.Empty;

    public override string Database => "fakedb";

    public override string DataSource => Host.Endpoint;

    public override string ServerVersion => "15.0";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Open()
    {
        if (_factory.DeathOf(Host) is { } error)
        {
            throw error;
        }

        _state = ConnectionState.Open;
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    public override void Close() => _state = ConnectionState.Closed;

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        Close();
        base.Dispose(disposing);
    }

    internal async Task<object?> RunAsync(string sql, CancellationToken cancellationToken)
    {
        if (_factory.FreezeOf(Host) is { } frozen)
        {
            await frozen.WaitAsync(cancellationToken);
        }

        return Run(sql);
    }

    internal object? Run(string sql)
    {
        if (_state != ConnectionState.Open)
        {
            throw new InvalidOperationException("Fake connection is not open.");
        }

        if (_factory.DeathOf(Host) is { } error)
        {
            throw error;
        }

        lock (Executed)
        {
            Executed.Add(sql);
        }

        return Host.Host;
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        LastTransaction = new FakeDbTransaction(this, isolationLevel);
        return LastTransaction;
    }

    protected override DbCommand CreateDbCommand() => new FakeDbCommand(this);

    public override bool CanCreateBatch => true;

    protected override DbBatch CreateDbBatch() => new FakeDbBatch(this);
}
