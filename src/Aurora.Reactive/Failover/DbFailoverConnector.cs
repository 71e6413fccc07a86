using System.Data.Common;
using System.Reactive.Linq;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Connects with the data source's factory (so the connection comes from its pools) and asks the node its role through
/// the dialect. A pooled connection that fails its first query (the node restarted while it sat idle) makes the node's
/// pool be cleared and the attempt be made once more on a fresh connection, instead of costing a retry interval.
/// </summary>
internal sealed class DbFailoverConnector(IHostConnectionFactory connections, IClusterDialect dialect, HandOff? handOff = null) : IFailoverConnector
{
    private readonly HandOff _handOff = handOff ?? HandOff.ThreadPool;

    public IObservable<VerifiedConnection> Connect(HostSpec host) => Run(host, ConnectAsync);

    public IObservable<VerifiedConnection> Open(HostSpec host) => Run(host, OpenAsync);

    /// <summary>The driver's open of the node from its pool, started on the caller's thread (no role query: the topology named the role).</summary>
    public Task<VerifiedConnection>? TryStartOpen(HostSpec host, out DbConnection? opened) => StartOpen(host, CancellationToken.None, out opened);

    private Task<VerifiedConnection>? StartOpen(HostSpec host, CancellationToken cancellationToken, out DbConnection? opened)
    {
        opened = null;
        DbConnection? connection = null;
        try
        {
            connection = connections.CreateConnection(host);
            var opening = connection.OpenAsync(cancellationToken);
            if (opening.IsCompletedSuccessfully)
            {
                opened = connection;
                return null;
            }

            return FinishOpenAsync(opening, connection, host);
        }
#pragma warning disable CA1031 // A driver that throws instead of failing its task: this attempt failed, reported as any other.
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (connection is not null)
            {
                VerifiedConnection.DisposeQuietly(connection);
            }

            return Task.FromException<VerifiedConnection>(error);
        }
    }

    private static async Task<VerifiedConnection> FinishOpenAsync(Task opening, DbConnection connection, HostSpec host)
    {
        try
        {
            await opening.ConfigureAwait(false);
            return new VerifiedConnection(connection, host);
        }
        catch
        {
            VerifiedConnection.DisposeQuietly(connection);
            throw;
        }
    }

    private IObservable<VerifiedConnection> Run(HostSpec host, Func<HostSpec, CancellationToken, Task<VerifiedConnection>> attempt) =>
        Observable.Defer(() =>
        {
            var cancellation = new DetachedCancellation(_handOff);
            return VerifiedConnection.Observe(attempt(host, cancellation.Token), host, cancellation.CancelInBackground);
        });

    private async Task<VerifiedConnection> OpenAsync(HostSpec host, CancellationToken cancellationToken)
    {
        await _handOff.Yield();
        var pending = StartOpen(host, cancellationToken, out var opened);
        return pending is null ? new VerifiedConnection(opened!, host) : await pending.ConfigureAwait(false);
    }

    private async Task<VerifiedConnection> ConnectAsync(HostSpec host, CancellationToken cancellationToken)
    {
        await _handOff.Yield();
        try
        {
            return await ConnectOnceAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (StalePooledConnectionException)
        {
            // The open came from the pool and the first query failed: clear the node's idle connections and try a fresh one.
            await ClearPoolQuietlyAsync(host).ConfigureAwait(false);
            try
            {
                return await ConnectOnceAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (StalePooledConnectionException again)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(again.InnerException!);
                throw;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await ClearPoolQuietlyAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<VerifiedConnection> ConnectOnceAsync(HostSpec host, CancellationToken cancellationToken)
    {
        DbConnection connection = connections.CreateConnection(host);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            bool isReader;
            try
            {
                isReader = await dialect.IsReaderAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new StalePooledConnectionException(error);
            }

            var role = isReader ? HostRole.Reader : HostRole.Writer;

            // A node reached through an endpoint name learns its instance id, so the writer watch can tell it apart from the old writer.
            var instanceId = host.InstanceId ?? await TryGetInstanceIdAsync(connection, host, cancellationToken).ConfigureAwait(false);
            return new VerifiedConnection(connection, new HostSpec(host.Host, host.Port, instanceId, role));
        }
        catch
        {
            VerifiedConnection.DisposeQuietly(connection);
            throw;
        }
    }

    private async Task ClearPoolQuietlyAsync(HostSpec host)
    {
        try
        {
            await connections.ClearPoolAsync(host, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: a pool that cannot be cleared only costs a later retry.
        }
    }

    private async Task<string?> TryGetInstanceIdAsync(DbConnection connection, HostSpec host, CancellationToken cancellationToken)
    {
        try
        {
            return await dialect.GetInstanceIdAsync(connection, host, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return null;
        }
    }

    private sealed class StalePooledConnectionException(Exception inner) : Exception(inner.Message, inner);
}
