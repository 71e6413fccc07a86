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
        _machine.Physical is not null
        && ((Handler is not null && ClassifyForFailover(error, _machine.Host) != DriverErrorKind.NotFailover) || error is HostLostException);

    private DriverErrorKind ClassifyForFailover(Exception error, HostSpec? host) => ClassifyForFailover(Driver, Settings, _machine.Physical, error, host);

    /// <summary>How <paramref name="error"/> of <paramref name="physical"/> (<see langword="null"/> while opening) on <paramref name="host"/> is failed over.</summary>
    internal static DriverErrorKind ClassifyForFailover(IDatabaseDriver driver, AuroraConnectionSettings settings, DbConnection? physical, Exception error, HostSpec? host)
    {
        if (error is HostLostException)
        {
            return DriverErrorKind.NodeUnavailable;
        }

        var kind = driver.ErrorClassifier.Classify(error);
        if (kind == DriverErrorKind.NotFailover && error is ObjectDisposedException or InvalidOperationException
            && physical is { State: not ConnectionState.Open })
        {
            // The driver connection broke under the command, and the driver said so with a usage error (Npgsql throws
            // ObjectDisposedException from a command whose connector a network failure tore down): the node was lost.
            return DriverErrorKind.NodeUnavailable;
        }

        if (kind == DriverErrorKind.ReadOnlyNode && !(settings.FailOverOnReadOnlyError && host?.Role == HostRole.Writer))
        {
            return DriverErrorKind.NotFailover;
        }

        return kind;
    }

    /// <summary>
    /// The node is lost (<paramref name="error"/>, for which <see cref="ShouldFailOver"/> held): a driver error, a
    /// command released by a loss report (a verdict, a writer change), or a loss marked while idle all come here, to the
    /// one transition <see cref="ConnectionStateMachine.Lose"/>. Fails over and returns the error the caller must throw:
    /// success, transaction resolution unknown, or failed. Without a failover handler (a node declared dead by monitoring)
    /// the connection fails for good and the monitoring error is returned.
    /// </summary>
    internal async Task<Exception> FailOverAsync(Exception error, CancellationToken cancellationToken)
    {
        var failedHost = _machine.Host ?? _dataSource.InitialHost;
        var cause = error is HostLostException lost ? lost.Reason : error;
        if (Handler is null)
        {
            // The command was abandoned; a driver close on a frozen host can take a minute, so it runs in the background.
            var (abandoned, lostTransaction) = _machine.Lose(failedHost, cause, failover: false);
            lostTransaction?.MarkLost();
            if (abandoned is not null)
            {
                AbandonInBackground(abandoned, failedHost);
            }

            return cause;
        }

        var kind = ClassifyForFailover(error, failedHost);
        var (old, transaction) = _machine.Lose(failedHost, cause, failover: true);
        var failure = await ReplaceAfterFailureAsync(failedHost, error, kind, old, transaction, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        return transaction is not null
            ? new TransactionResolutionUnknownException(failedHost, _machine.Host!, cause)
            : new FailoverSuccessException(failedHost, _machine.Host!, cause);
    }

    /// <summary>From Broken: lets the lost node go and replaces it through the handler; returns <see langword="null"/> on success.</summary>
    private async Task<FailoverFailedException?> ReplaceAfterFailureAsync(
        HostSpec failedHost, Exception error, DriverErrorKind kind, DbConnection? old, AuroraTransaction? transaction, CancellationToken cancellationToken)
    {
        var cause = error is HostLostException lost ? lost.Reason : error;
        if (transaction is not null)
        {
            // A node judged lost would only make the rollback wait for its timeout.
            if (old is not null && error is not HostLostException)
            {
                await TryRollbackAsync(transaction.Physical).ConfigureAwait(false);
            }

            transaction.MarkLost();
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

        _machine.BeginFailover(failedHost);
        FailoverOutcome outcome;
        try
        {
            var request = new FailoverRequest(this, failedHost, cause, kind, transaction is not null, readOnly, _connections)
            {
                IsNodeFailure = _dataSource.TopologyOpenRequest.IsNodeFailure,
            };
            outcome = await Handler!.FailOverAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _machine.Fail(failedHost, cause);
            throw;
        }
        catch (Exception handlerError)
        {
            _machine.Fail(failedHost, cause);
            return new FailoverFailedException(failedHost, cause, "the failover handler failed", handlerError);
        }

        if (!outcome.Succeeded)
        {
            _machine.Fail(failedHost, cause);
            return new FailoverFailedException(failedHost, cause, outcome.FailureMessage, outcome.FailureReason);
        }

        try
        {
            await InstallAsync(outcome.Connection!, outcome.Host!, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception restoreError)
        {
            _machine.Fail(failedHost, cause);
            DisposeInBackground(outcome.Connection!);
            return new FailoverFailedException(failedHost, cause, "restoring the session on the new node failed", restoreError);
        }
    }

    private async Task InstallAsync(DbConnection physical, HostSpec host, CancellationToken cancellationToken)
    {
        _machine.Install(physical, host, watchLoss: !IsPassThrough);
        if (HasSessionSetup)
        {
            await ApplySessionAsync(physical, cancellationToken).ConfigureAwait(false);
        }

        _machine.Opened(_dataSource.OpenStateOn(host));
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

    private void DisposeInBackground(DbConnection physical) => _dataSource.HandOff.StartDetached(physical.Dispose);

    /// <summary>
    /// Closes, in the background, a physical connection whose node was lost while a command may still be running on it,
    /// then clears the node's pool. The driver may take the session back into its pool at the close and mark it failed
    /// only when the abandoned command ends (MySqlConnector: the next open from that pool, by any data source with the
    /// same string, threw InvalidOperationException "Expected state to be Connected but was Failed" after a freeze).
    /// </summary>
    private void AbandonInBackground(DbConnection physical, HostSpec host)
    {
        var connections = _dataSource.Connections;
        _dataSource.HandOff.StartDetached(() =>
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
