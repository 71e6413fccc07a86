using System.Data.Common;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    /// <summary>Opens a physical connection to the data source's initial node.</summary>
    /// <exception cref="InvalidOperationException">The connection is not closed, or has no connection string.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    /// <exception cref="FailoverFailedException">The initial node is unavailable and no other node could take over.</exception>
    public override void Open() => OpenCoreAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Opens a physical connection to the data source's initial node. When that node is unavailable
    /// and a failover handler is installed, the connection opens on the node the handler finds, without error.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A task that completes when the connection is open.</returns>
    /// <exception cref="InvalidOperationException">The connection is not closed, or has no connection string.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    /// <exception cref="FailoverFailedException">The initial node is unavailable and no other node could take over.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task OpenAsync(CancellationToken cancellationToken) => OpenCoreAsync(async: true, cancellationToken);

    private async Task OpenCoreAsync(bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _machine.ThrowIfRefused(LogicalConnectionStatus.Opening);
        RenewDisposedSource();
        var host = _dataSource.InitialHost;
        _machine.BeginOpen(_dataSource.OpeningState);
        if (Handler is not null && _dataSource.TopologyOpener is { } opener && Settings.OpenTarget != OpenTarget.Endpoint
            && await TryOpenOnTopologyAsync(opener, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var physical = _connections.CreateConnection(host);
        try
        {
            if (async)
            {
                await physical.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                physical.Open();
            }
        }
        catch (Exception error) when (Handler is not null && ClassifyForFailover(error, host) != Drivers.DriverErrorKind.NotFailover)
        {
            await physical.DisposeAsync().ConfigureAwait(false);
            await OpenThroughFailoverAsync(host, error, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch
        {
            await physical.DisposeAsync().ConfigureAwait(false);
            _machine.Close();
            throw;
        }

        await InstallOnOpenAsync(physical, host, cancellationToken).ConfigureAwait(false);
    }

    private async Task InstallOnOpenAsync(DbConnection physical, HostSpec host, CancellationToken cancellationToken)
    {
        try
        {
            await InstallAsync(physical, host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await physical.DisposeAsync().ConfigureAwait(false);
            Detach();
            throw;
        }

        _machine.Attach(Handler);
    }

    // Opens where the topology says (see FailoverCoordinator.Open); false when it does not tell, to open through the endpoint.
    // A node that fails (or outlives its bound) leads into the failover path, as a failed open of the endpoint does; an
    // error of the caller's (a bad password) reaches the caller unwrapped.
    private async Task<bool> TryOpenOnTopologyAsync(ITopologyAwareOpener opener, CancellationToken cancellationToken)
    {
        TopologyOpenResult result;
        try
        {
            result = await opener.OpenAsync(_dataSource.TopologyOpenRequest, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _machine.Close();
            throw;
        }

        if (result.IsUnknown)
        {
            return false;
        }

        if (result.Connection is { } physical)
        {
            await InstallOnOpenAsync(physical, result.Host!, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var error = result.Error!;
        if (error is not OpenAttemptFailedException && ClassifyForFailover(error, result.Host) == Drivers.DriverErrorKind.NotFailover)
        {
            _machine.Close();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        await OpenThroughFailoverAsync(result.Host!, error is OpenAttemptFailedException ? new HostLostException(error) : error, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task OpenThroughFailoverAsync(HostSpec failedHost, Exception error, CancellationToken cancellationToken)
    {
        var kind = ClassifyForFailover(error, failedHost);
        _machine.Lose(failedHost, error, failover: true);
        _machine.Attach(Handler!);
        FailoverFailedException? failure;
        try
        {
            failure = await ReplaceAfterFailureAsync(failedHost, error, kind, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Detach();
            throw;
        }

        if (failure is not null)
        {
            // A failed open leaves the connection closed, as ADO.NET expects.
            Detach();
            throw failure;
        }
    }

    /// <summary>Closes the physical connection (returning it to its pool). An open transaction is rolled back by the driver.</summary>
    public override void Close()
    {
        var physical = Detach();
        physical?.Dispose();
    }

    /// <summary>Closes the physical connection (returning it to its pool). An open transaction is rolled back by the driver.</summary>
    /// <returns>A task that completes when the physical connection is closed.</returns>
    public override async Task CloseAsync()
    {
        var physical = Detach();
        if (physical is not null)
        {
            await physical.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            await CloseAsync().ConfigureAwait(false);
            _disposed = true;
            _machine.Complete();
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Close();
            _disposed = true;
            _machine.Complete();
        }

        base.Dispose(disposing);
    }

    private DbConnection? Detach()
    {
        ClearSessionState();
        return _machine.Close();
    }
}
