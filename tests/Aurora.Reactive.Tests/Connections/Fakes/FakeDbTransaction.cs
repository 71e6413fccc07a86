using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Tests.Connections.Fakes;

internal sealed class FakeDbTransaction : DbTransaction
{
    private readonly FakeDbConnection _connection;

    public FakeDbTransaction(FakeDbConnection connection, IsolationLevel isolationLevel)
    {
        _connection = connection;
        IsolationLevel = isolationLevel;
    }

    public override IsolationLevel IsolationLevel { get; }

    public int RollbackAttempts { get; private set; }

    public bool Committed { get; private set; }

    protected override DbConnection DbConnection => _connection;

    public override void Commit()
    {
        _connection.Run("COMMIT");
        Committed = true;
    }

    /// <summary>Like <see cref="Commit"/>, but hangs while the node is frozen.</summary>
    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await _connection.RunAsync("COMMIT", cancellationToken);
        Committed = true;
    }

    public override void Rollback()
    {
        RollbackAttempts++;
        _connection.Run("ROLLBACK");
    }
}
