namespace Aurora.Reactive.Connections;

public sealed partial class AuroraTransaction
{
    /// <summary>Creates a savepoint in the transaction.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override void Save(string savepointName) => SaveAsync(savepointName, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Creates a savepoint in the transaction.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the savepoint exists.</returns>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override Task SaveAsync(string savepointName, CancellationToken cancellationToken = default) =>
        RunSavepointAsync(static (t, name, ct) => t.SaveAsync(name, ct), savepointName, cancellationToken);

    /// <summary>Rolls back to a savepoint.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override void Rollback(string savepointName) => RollbackAsync(savepointName, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Rolls back to a savepoint.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the transaction is back at the savepoint.</returns>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override Task RollbackAsync(string savepointName, CancellationToken cancellationToken = default) =>
        RunSavepointAsync(static (t, name, ct) => t.RollbackAsync(name, ct), savepointName, cancellationToken);

    /// <summary>Releases a savepoint.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override void Release(string savepointName) => ReleaseAsync(savepointName, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Releases a savepoint.</summary>
    /// <param name="savepointName">The savepoint's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the savepoint is released.</returns>
    /// <exception cref="InvalidOperationException">The transaction has ended or was lost in a failover.</exception>
    /// <exception cref="Failover.FailoverException">The node failed.</exception>
    public override Task ReleaseAsync(string savepointName, CancellationToken cancellationToken = default) =>
        RunSavepointAsync(static (t, name, ct) => t.ReleaseAsync(name, ct), savepointName, cancellationToken);

    private async Task RunSavepointAsync(
        Func<System.Data.Common.DbTransaction, string, CancellationToken, Task> operation, string savepointName, CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        await CommandExecution.OnNodeAsync(_connection, AsBool(operation(Physical, savepointName, cancellationToken)), null, null, keepWatch: false, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<bool> AsBool(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
