using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    /// <summary>Begins a transaction on the physical connection.</summary>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open, or the driver refuses (a transaction is already open).</exception>
    /// <exception cref="Failover.FailoverException">The node failed while beginning the transaction.</exception>
    public new AuroraTransaction BeginTransaction() => BeginTransaction(IsolationLevel.Unspecified);

    /// <summary>Begins a transaction on the physical connection.</summary>
    /// <param name="isolationLevel">The isolation level.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open, or the driver refuses (a transaction is already open).</exception>
    /// <exception cref="Failover.FailoverException">The node failed while beginning the transaction.</exception>
    public new AuroraTransaction BeginTransaction(IsolationLevel isolationLevel) =>
        BeginTransactionAsync(isolationLevel, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Begins a transaction on the physical connection.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open, or the driver refuses (a transaction is already open).</exception>
    /// <exception cref="Failover.FailoverException">The node failed while beginning the transaction.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public new ValueTask<AuroraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        BeginTransactionAsync(IsolationLevel.Unspecified, cancellationToken);

    /// <summary>Begins a transaction on the physical connection.</summary>
    /// <param name="isolationLevel">The isolation level.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException">The connection is not open, or the driver refuses (a transaction is already open).</exception>
    /// <exception cref="Failover.FailoverException">The node failed while beginning the transaction.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public new async ValueTask<AuroraTransaction> BeginTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken = default)
    {
        await EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        var physical = GetPhysicalForCommand();
        Task<DbTransaction> beginning;
        try
        {
            var begun = physical.BeginTransactionAsync(isolationLevel, cancellationToken);
            if (begun.IsCompletedSuccessfully)
            {
                return Begun(begun.Result);
            }

            beginning = begun.AsTask();
        }
        catch (Exception error) when (ShouldFailOver(error))
        {
            beginning = Task.FromException<DbTransaction>(error);
        }

        return Begun(await CommandExecution.OnNodeAsync(this, beginning, null, null, keepWatch: false, cancellationToken).ConfigureAwait(false));
    }

    private AuroraTransaction Begun(DbTransaction physicalTransaction)
    {
        var transaction = new AuroraTransaction(this, physicalTransaction);
        _machine.BeginTransaction(transaction);
        return transaction;
    }

    /// <inheritdoc/>
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => BeginTransaction(isolationLevel);

    /// <inheritdoc/>
    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        await BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false);

    /// <summary>The physical transaction commands must join, or <see langword="null"/>.</summary>
    internal DbTransaction? PhysicalTransaction => _machine.Transaction?.Physical;

    internal void EndTransaction(AuroraTransaction transaction) => _machine.EndTransaction(transaction);
}
