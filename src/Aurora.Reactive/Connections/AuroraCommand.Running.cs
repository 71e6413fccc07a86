using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <content>The watched asynchronous execution: failover on node errors, release on a node reported lost or declared dead.</content>
public sealed partial class AuroraCommand
{
    private Task<T> RunAsync<T>(AuroraConnection connection, Func<DbCommand, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (connection.HasPendingLoss)
        {
            return RunAfterPreparationAsync(connection, operation, cancellationToken);
        }

        Task<T> running;
        DateTimeOffset startedAt;
        try
        {
            var command = Bind(connection);
            if (_needsPrepare)
            {
                return RunAfterPreparationAsync(connection, operation, cancellationToken);
            }

            startedAt = connection.CommandStartTime();
            running = Start(connection, operation, command, cancellationToken);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            return ThrowFailoverAsync<T>(connection, error, cancellationToken);
        }

        if (running.IsCompletedSuccessfully)
        {
            AfterExecute();
            return running;
        }

        return AwaitWatchedAsync(connection, running, startedAt, cancellationToken);
    }

    private async Task<T> RunAfterPreparationAsync<T>(AuroraConnection connection, Func<DbCommand, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        Task<T> running;
        DateTimeOffset startedAt;
        try
        {
            var command = await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false);
            startedAt = connection.CommandStartTime();
            running = Start(connection, operation, command, cancellationToken);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }

        return await AwaitWatchedAsync(connection, running, startedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Awaits a command that did not complete at once, watched by monitoring from <paramref name="startedAt"/>
    /// (a command that completes at once needs no probe) and released when its node is reported lost.
    /// </summary>
    private async Task<T> AwaitWatchedAsync<T>(AuroraConnection connection, Task<T> running, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        T result;
        var watch = connection.WatchCommand(startedAt);
        try
        {
            if (connection.IsLossWatched && !running.IsCompleted)
            {
                var lossToken = connection.LossToken();
                try
                {
                    result = await running.WaitAsync(lossToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (lossToken.IsCancellationRequested)
                {
                    Abandon(running);
                    throw connection.HostLost(running);
                }
            }
            else
            {
                result = await running.ConfigureAwait(false);
            }
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            watch.Dispose();
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            watch.Dispose();
        }

        AfterExecute();
        return result;
    }

    // The driver command is still in use by the abandoned call, possibly on another thread: it is let go and disposed
    // once that call ends, never under it (MySql.Data throws from a command disposed while its read runs).
    private void Abandon(Task running)
    {
        var physical = _physical;
        _physical = null;
        _boundConnection = null;
        if (physical is not null)
        {
            _ = running.ContinueWith(
                _ =>
                {
                    try
                    {
                        physical.Dispose();
                    }
                    catch (Exception)
                    {
                        // The connection under it is broken and being disposed; nothing is left to release.
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    // A provider whose asynchronous calls block (MySql.Data) is started on a thread of its own: otherwise the caller would
    // be held inside the call, before any task exists that monitoring or a writer change could release it from (and on
    // the thread pool, a long query would hold a pool thread for its whole length).
    private static Task<T> Start<T>(AuroraConnection connection, Func<DbCommand, CancellationToken, Task<T>> operation, DbCommand command, CancellationToken cancellationToken) =>
        connection.Driver.BlocksInAsyncCalls
            ? Drivers.BlockingWork.Run(() => operation(command, cancellationToken))
            : operation(command, cancellationToken);

    private static async Task<T> ThrowFailoverAsync<T>(AuroraConnection connection, Exception error, CancellationToken cancellationToken) =>
        throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
}
