using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>A transaction on a simulated session: COMMIT and ROLLBACK are statements the node must answer.</summary>
internal sealed class SimulatedTransaction(SimulatedConnection connection, IsolationLevel isolationLevel) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => throw new NotSupportedException("The simulated driver is asynchronous only: call CommitAsync.");

    public override void Rollback()
    {
    }

    public override Task CommitAsync(CancellationToken cancellationToken = default) => connection.RunAsync("COMMIT", cancellationToken);

    public override Task RollbackAsync(CancellationToken cancellationToken = default) =>
        connection.State == ConnectionState.Open ? connection.RunAsync("ROLLBACK", cancellationToken) : Task.CompletedTask;
}
