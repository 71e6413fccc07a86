using System.Data;
using System.Data.Common;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    /// <summary>
    /// Whether <paramref name="error"/>, raised by the physical connection, makes this connection fail over; also
    /// true, without failover, for a command released because its node was declared dead (the connection then breaks).
    /// </summary>
    internal bool ShouldFailOver(Exception error) =>
        _physical is not null
        && ((_handler is not null && ClassifyForFailover(error, _host) != DriverErrorKind.NotFailover) || error is HostLostException);

    private DriverErrorKind ClassifyForFailover(Exception error, HostSpec? host)
    {
        if (error is HostLostException)
        {
            return DriverErrorKind.NodeUnavailable;
        }

        var kind = Driver.ErrorClassifier.Classify(error);
        if (kind == DriverErrorKind.NotFailover && error is ObjectDisposedException or InvalidOperationException
            && _physical is { State: not ConnectionState.Open })
        {
            // The driver connection broke under the command, and the driver said so with a usage error (Npgsql throws
            // ObjectDisposedException from a command whose connector a network failure tore down): the node was lost.
            return DriverErrorKind.NodeUnavailable;
        }

        if (kind == DriverErrorKind.ReadOnlyNode && !(Settings.FailOverOnReadOnlyError && host?.Role == HostRole.Writer))
        {
            return DriverErrorKind.NotFailover;
        }

        return kind;
    }

    /// <summary>
    /// Fails over after <paramref name="error"/> (for which <see cref="ShouldFailOver"/> held) and returns
    /// the error the caller must throw: success, transaction resolution unknown, or failed. Without a failover
    /// handler (a node declared dead by monitoring) the connection breaks and the monitoring error is returned.
    /// </summary>
    internal async Task<Exception> FailOverAsync(Exception error, CancellationToken cancellationToken)
    {
        if (_handler is null)
        {
            return BreakAfterLoss(error);
        }

        var failedHost = _host ?? _dataSource.InitialHost;
        var cause = error is HostLostException lost ? lost.Reason : error;
        var inTransaction = _transaction is not null;
        SetState(LogicalConnectionStatus.Broken, failedHost, cause);
        var failure = await ReplaceAfterFailureAsync(failedHost, error, _transaction, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        return inTransaction
            ? new TransactionResolutionUnknownException(failedHost, _host!, cause)
            : new FailoverSuccessException(failedHost, _host!, cause);
    }

    /// <summary>Replaces the physical connection through the handler; returns <see langword="null"/> on success.</summary>
    private async Task<FailoverFailedException?> ReplaceAfterFailureAsync(
        HostSpec failedHost, Exception error, AuroraTransaction? transaction, CancellationToken cancellationToken)
    {
        var cause = error is HostLostException lost ? lost.Reason : error;
        var kind = ClassifyForFailover(error, failedHost);
        var old = _physical;
        _physical = null;
        ResetHostLoss();
        if (transaction is not null)
        {
            // A node judged lost would only make the rollback wait for its timeout.
            if (old is not null && error is not HostLostException)
            {
                await TryRollbackAsync(transaction.Physical).ConfigureAwait(false);
            }

            transaction.MarkLost();
            _transaction = null;
        }

        if (old is not null)
        {
            if (kind == DriverErrorKind.NodeUnavailable)
            {
                AbandonInBackground(old, failedHost);
            }
            else
            {
                DisposeInBackground(old);
            }
        }

        var readOnly = _readOnly == true;
        if (!Settings.KeepSessionStateOnFailover)
        {
            _readOnly = null;
        }

        SetState(LogicalConnectionStatus.FailingOver, failedHost);
        FailoverOutcome outcome;
        try
        {
            var request = new FailoverRequest(this, failedHost, cause, kind, transaction is not null, readOnly, _connections);
            outcome = await _handler!.FailOverAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SetState(LogicalConnectionStatus.Failed, failedHost, cause);
            throw;
        }
        catch (Exception handlerError)
        {
            SetState(LogicalConnectionStatus.Failed, failedHost, cause);
            return new FailoverFailedException(failedHost, cause, "the failover handler failed", handlerError);
        }

        if (!outcome.Succeeded)
        {
            SetState(LogicalConnectionStatus.Failed, failedHost, cause);
            return new FailoverFailedException(failedHost, cause, outcome.FailureMessage, outcome.FailureReason);
        }

        try
        {
            await InstallAsync(outcome.Connection!, outcome.Host!, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception restoreError)
        {
            _physical = null;
            ResetHostLoss();
            DisposeInBackground(outcome.Connection!);
            SetState(LogicalConnectionStatus.Failed, failedHost, cause);
            return new FailoverFailedException(failedHost, cause, "restoring the session on the new node failed", restoreError);
        }
    }

    private async Task InstallAsync(DbConnection physical, HostSpec host, CancellationToken cancellationToken)
    {
        _physical = physical;
        _host = host;
        if (!IsPassThrough)
        {
            ArmHostLoss();
        }

        if (HasSessionSetup)
        {
            await ApplySessionAsync(physical, cancellationToken).ConfigureAwait(false);
        }

        SetState(ReferenceEquals(host, _dataSource.InitialHost) ? _dataSource.OpenOnInitialHostState : new LogicalConnectionState(LogicalConnectionStatus.Open, host));
    }

    private async Task TryRollbackAsync(DbTransaction physicalTransaction)
    {
        Task rollback;
        try
        {
            rollback = physicalTransaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            return;
        }

        ObserveFault(rollback);
        try
        {
            await rollback.WaitAsync(Settings.RollbackTimeout, _dataSource.Clock).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the node is failing; the server rolls back on its own when the session ends.
        }
    }

    private static void DisposeInBackground(DbConnection physical) => Drivers.BlockingWork.Start(physical.Dispose);

    /// <summary>
    /// Closes, in the background, a physical connection whose node was lost while a command may still be running on it,
    /// then clears the node's pool. The driver may take the session back into its pool at the close and mark it failed
    /// only when the abandoned command ends (MySqlConnector: the next open from that pool, by any data source with the
    /// same string, threw InvalidOperationException "Expected state to be Connected but was Failed" after a freeze).
    /// </summary>
    private void AbandonInBackground(DbConnection physical, HostSpec host)
    {
        var connections = _dataSource.Connections;
        Drivers.BlockingWork.Start(() =>
        {
            try
            {
                physical.Dispose();
            }
            finally
            {
                connections.ClearPoolAsync(host).AsTask().GetAwaiter().GetResult();
            }
        });
    }

    internal static void ObserveFault(Task task)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
            return;
        }

        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
