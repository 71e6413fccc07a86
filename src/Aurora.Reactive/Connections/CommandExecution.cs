using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The one execution path of logical commands and batches: failover on node errors, release on a node reported
/// lost or declared dead by failure monitoring, and straight to the driver when neither is on.
/// </summary>
internal static class CommandExecution
{
    /// <summary>Runs synchronously; on a monitored connection through <paramref name="asyncOperation"/>, so that a node declared dead releases the caller.</summary>
    public static T Run<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Func<TDriver, T> operation, Func<TDriver, CancellationToken, Task<T>>? asyncOperation = null)
        where TDriver : class
    {
        if (asyncOperation is not null && connection.IsMonitored)
        {
            // A blocked driver call cannot be released when the node is declared dead; an awaited one can.
            return RunAsync(run, connection, asyncOperation, CancellationToken.None).GetAwaiter().GetResult();
        }

        connection.EnsureUsable();
        T result;
        try
        {
            result = operation(BindForRun(run, connection));
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw connection.FailOverAsync(error, CancellationToken.None).GetAwaiter().GetResult();
        }

        run.AfterExecute();
        return result;
    }

    /// <summary>Runs asynchronously; a pass-through connection hands the driver's task back as it is.</summary>
    public static Task<T> RunDirectOrAsync<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Func<TDriver, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        where TDriver : class
    {
        if (connection.IsPassThrough && !run.HasNeutralParameters)
        {
            var driver = run.Bind(connection);
            if (!run.NeedsPrepare)
            {
                return operation(driver, cancellationToken);
            }
        }

        return RunAsync(run, connection, operation, cancellationToken);
    }

    public static Task<T> RunAsync<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Func<TDriver, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        where TDriver : class
    {
        if (connection.HasPendingLoss)
        {
            return RunAfterPreparationAsync(run, connection, operation, cancellationToken);
        }

        Task<T> running;
        DateTimeOffset startedAt;
        try
        {
            var driver = run.Bind(connection);
            if (run.NeedsPrepare)
            {
                return RunAfterPreparationAsync(run, connection, operation, cancellationToken);
            }

            startedAt = connection.CommandStartTime();
            running = Start(connection, operation, driver, cancellationToken);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            return ThrowFailoverAsync<T>(connection, error, cancellationToken);
        }

        if (running.IsCompletedSuccessfully)
        {
            run.AfterExecute();
            return running;
        }

        return AwaitWatchedAsync(run, connection, running, startedAt, cancellationToken);
    }

    /// <summary>Opens a reader synchronously; on a monitored connection through the asynchronous path.</summary>
    public static AuroraDataReader ExecuteReader<TDriver>(
        IDriverRun<TDriver> run,
        AuroraConnection connection,
        CommandBehavior behavior,
        Func<TDriver, CommandBehavior, DbDataReader> execute,
        Func<TDriver, CommandBehavior, CancellationToken, Task<DbDataReader>> executeAsync)
        where TDriver : class
    {
        if (connection.IsMonitored)
        {
            // A blocked driver call cannot be released when the node is declared dead; an awaited one can.
            return ExecuteReaderAsync(run, connection, behavior, executeAsync, CancellationToken.None).GetAwaiter().GetResult();
        }

        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        connection.EnsureUsable();
        DbDataReader reader;
        try
        {
            reader = execute(BindForRun(run, connection), driverBehavior);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw connection.FailOverAsync(error, CancellationToken.None).GetAwaiter().GetResult();
        }

        return new AuroraDataReader(reader, connection, run, behavior);
    }

    /// <summary>Opens a reader; it is watched by failure monitoring until it is closed, since its reads wait on the node too.</summary>
    public static async Task<AuroraDataReader> ExecuteReaderAsync<TDriver>(
        IDriverRun<TDriver> run,
        AuroraConnection connection,
        CommandBehavior behavior,
        Func<TDriver, CommandBehavior, CancellationToken, Task<DbDataReader>> executeAsync,
        CancellationToken cancellationToken)
        where TDriver : class
    {
        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        DbDataReader reader;
        if (connection.IsPassThrough)
        {
            var driver = await BindForRunAsync(run, connection, cancellationToken).ConfigureAwait(false);
            reader = await executeAsync(driver, driverBehavior, cancellationToken).ConfigureAwait(false);
            return new AuroraDataReader(reader, connection, run, behavior);
        }

        await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        IDisposable watch = System.Reactive.Disposables.Disposable.Empty;
        try
        {
            var driver = await BindForRunAsync(run, connection, cancellationToken).ConfigureAwait(false);
            watch = connection.WatchCommand(connection.CommandStartTime());
            reader = await connection.Watch(executeAsync(driver, driverBehavior, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            watch.Dispose();
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        return new AuroraDataReader(reader, connection, run, behavior, watch);
    }

    private static TDriver BindForRun<TDriver>(IDriverRun<TDriver> run, AuroraConnection connection)
        where TDriver : class
    {
        var driver = run.Bind(connection);
        if (run.NeedsPrepare)
        {
            run.Prepare(driver);
        }

        return driver;
    }

    private static async ValueTask<TDriver> BindForRunAsync<TDriver>(IDriverRun<TDriver> run, AuroraConnection connection, CancellationToken cancellationToken)
        where TDriver : class
    {
        var driver = run.Bind(connection);
        if (run.NeedsPrepare)
        {
            await run.PrepareAsync(driver, cancellationToken).ConfigureAwait(false);
        }

        return driver;
    }

    private static async Task<T> RunAfterPreparationAsync<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Func<TDriver, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        where TDriver : class
    {
        await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        Task<T> running;
        DateTimeOffset startedAt;
        try
        {
            var driver = await BindForRunAsync(run, connection, cancellationToken).ConfigureAwait(false);
            startedAt = connection.CommandStartTime();
            running = Start(connection, operation, driver, cancellationToken);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }

        return await AwaitWatchedAsync(run, connection, running, startedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Awaits a run that did not complete at once, watched by monitoring from <paramref name="startedAt"/>
    /// (a run that completes at once needs no probe) and released when its node is reported lost.
    /// </summary>
    private static async Task<T> AwaitWatchedAsync<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Task<T> running, DateTimeOffset startedAt, CancellationToken cancellationToken)
        where TDriver : class
    {
        T result;
        var watch = connection.WatchCommand(startedAt);
        try
        {
            if (connection.IsLossWatched && !running.IsCompleted)
            {
                var lossToken = connection.LossToken();
                using var stall = connection.WatchStall();
                try
                {
                    result = await running.WaitAsync(lossToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (lossToken.IsCancellationRequested)
                {
                    run.Abandon(running);
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

        run.AfterExecute();
        return result;
    }

    // A provider whose asynchronous calls block (MySql.Data) is started on a thread of its own: otherwise the caller would
    // be held inside the call, before any task exists that monitoring or a writer change could release it from (and on
    // the thread pool, a long query would hold a pool thread for its whole length).
    private static Task<T> Start<TDriver, T>(AuroraConnection connection, Func<TDriver, CancellationToken, Task<T>> operation, TDriver driver, CancellationToken cancellationToken) =>
        connection.Driver.BlocksInAsyncCalls
            ? Drivers.BlockingWork.Run(() => operation(driver, cancellationToken))
            : operation(driver, cancellationToken);

    private static async Task<T> ThrowFailoverAsync<T>(AuroraConnection connection, Exception error, CancellationToken cancellationToken) =>
        throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);

    /// <summary>Disposes a driver object once the abandoned call that still uses it ends, never under it
    /// (MySql.Data throws from a command disposed while its read runs).</summary>
    public static void DisposeWhenDone(Task running, IDisposable? driverObject)
    {
        if (driverObject is null)
        {
            return;
        }

        _ = running.ContinueWith(
            _ =>
            {
                try
                {
                    driverObject.Dispose();
                }
#pragma warning disable CA1031 // The connection under it is broken and being disposed; nothing is left to release.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Refuses an explicit transaction that can no longer carry work.</summary>
    public static void ThrowIfTransactionUnusable(AuroraTransaction? transaction)
    {
        if (transaction is { } explicitTransaction && (explicitTransaction.IsLost || explicitTransaction.Connection is null))
        {
            throw new InvalidOperationException(explicitTransaction.IsLost
                ? "The command's transaction was lost when the connection failed over; begin a new transaction and redo its work."
                : "The command's transaction has already ended.");
        }
    }
}
