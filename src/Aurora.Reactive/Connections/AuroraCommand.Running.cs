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
            running = operation(command, cancellationToken);
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
            running = operation(command, cancellationToken);
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

    private static async Task<T> ThrowFailoverAsync<T>(AuroraConnection connection, Exception error, CancellationToken cancellationToken) =>
        throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
}
