using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A transaction of an <see cref="AuroraConnection"/>, wrapping the physical driver transaction. When the
/// node fails inside it, the transaction is lost: <see cref="Failover.TransactionResolutionUnknownException"/>
/// is thrown, rolling it back afterwards does nothing, and committing it throws.
/// </summary>
public sealed partial class AuroraTransaction : DbTransaction
{
    private readonly AuroraConnection _connection;
    private bool _ended;
    private bool _lost;
    private bool _disposed;

    internal AuroraTransaction(AuroraConnection connection, DbTransaction physical)
    {
        _connection = connection;
        Physical = physical;
    }

    /// <summary>The connection, or <see langword="null"/> once the transaction has ended.</summary>
    public new AuroraConnection? Connection => _ended ? null : _connection;

    /// <inheritdoc/>
    protected override DbConnection? DbConnection => Connection;

    /// <summary>The isolation level of the physical transaction.</summary>
    public override IsolationLevel IsolationLevel => Physical.IsolationLevel;

    /// <summary>Whether a failover ended the transaction with an unknown outcome.</summary>
    public bool IsLost => _lost;

    /// <inheritdoc/>
    public override bool SupportsSavepoints => Physical.SupportsSavepoints;

    internal DbTransaction Physical { get; }

    /// <summary>The physical driver transaction, for driver features this library does not wrap.</summary>
    /// <returns>The driver transaction.</returns>
    public DbTransaction Unwrap() => Physical;

    /// <summary>Commits the transaction.</summary>
    /// <exception cref="InvalidOperationException">The transaction has already been committed or rolled back, or was lost in a failover.</exception>
    /// <exception cref="ObjectDisposedException">The transaction was disposed.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The node failed during the commit; whether it committed is unknown.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="Failover.FailoverFailedException">The node failed and no other node could take over.</exception>
    public override void Commit()
    {
        if (_connection.IsMonitored)
        {
            // A blocked driver call cannot be released when the node is declared dead; an awaited one can.
            CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        ThrowIfUnusable();
        CommandExecution.OnNode(_connection, Physical, static physical =>
        {
            physical.Commit();
            return true;
        });
        End();
    }

    /// <summary>Commits the transaction.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>A task that completes when the transaction is committed.</returns>
    /// <exception cref="InvalidOperationException">The transaction has already been committed or rolled back, or was lost in a failover.</exception>
    /// <exception cref="ObjectDisposedException">The transaction was disposed.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The node failed during the commit; whether it committed is unknown.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="Failover.FailoverFailedException">The node failed and no other node could take over.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        var watch = _connection.WatchCommand(_connection.CommandStartTime());
        await CommandExecution.OnNodeAsync(_connection, CommitPhysicalAsync(cancellationToken), null, watch, keepWatch: false, cancellationToken).ConfigureAwait(false);
        End();
    }

    /// <summary>Rolls the transaction back; does nothing when a failover already lost it.</summary>
    /// <exception cref="InvalidOperationException">The transaction has already been committed or rolled back.</exception>
    /// <exception cref="ObjectDisposedException">The transaction was disposed.</exception>
    /// <exception cref="Failover.FailoverException">The node failed during the rollback (the transaction did not commit).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    public override void Rollback()
    {
        if (_lost)
        {
            return;
        }

        ThrowIfEnded();
        if (_connection.IsMonitored)
        {
            RollbackAsync(CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        CommandExecution.OnNode(_connection, Physical, static physical =>
        {
            physical.Rollback();
            return true;
        });
        End();
    }

    /// <summary>Rolls the transaction back; does nothing when a failover already lost it.</summary>
    /// <param name="cancellationToken">Cancels the rollback.</param>
    /// <returns>A task that completes when the transaction is rolled back.</returns>
    /// <exception cref="InvalidOperationException">The transaction has already been committed or rolled back.</exception>
    /// <exception cref="ObjectDisposedException">The transaction was disposed.</exception>
    /// <exception cref="Failover.FailoverException">The node failed during the rollback (the transaction did not commit).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_lost)
        {
            return;
        }

        ThrowIfEnded();
        var watch = _connection.WatchCommand(_connection.CommandStartTime());
        await CommandExecution.OnNodeAsync(_connection, RollbackPhysicalAsync(cancellationToken), null, watch, keepWatch: false, cancellationToken).ConfigureAwait(false);
        End();
    }

    internal void MarkLost()
    {
        _lost = true;
        End();
    }

    internal void MarkEnded() => _ended = true;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
        }

        if (disposing && !_ended)
        {
            try
            {
                Physical.Dispose();
            }
            catch (Exception error) when (_connection.ShouldFailOver(error))
            {
                _connection.DeferFailover(error);
            }

            End();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (!_ended)
        {
            try
            {
                await Physical.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (_connection.ShouldFailOver(error))
            {
                _connection.DeferFailover(error);
            }

            End();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<bool> CommitPhysicalAsync(CancellationToken cancellationToken)
    {
        await Physical.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> RollbackPhysicalAsync(CancellationToken cancellationToken)
    {
        await Physical.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void ThrowIfUnusable()
    {
        if (_lost)
        {
            throw new InvalidOperationException(
                "This transaction was lost when the connection failed over; its outcome is unknown. Begin a new transaction and redo its work.");
        }

        ThrowIfEnded();
    }

    // As the drivers do: a disposed transaction is an ObjectDisposedException, one already committed or rolled back an InvalidOperationException.
    private void ThrowIfEnded()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ended)
        {
            throw new InvalidOperationException("The transaction has already been committed or rolled back; it is no longer usable.");
        }
    }

    private void End()
    {
        if (!_ended)
        {
            _ended = true;
            _connection.EndTransaction(this);
        }
    }
}
