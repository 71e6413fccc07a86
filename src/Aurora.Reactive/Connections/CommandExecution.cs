using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The one execution path of everything that runs on the logical connection's node: commands and batches, their
/// readers' reads, a transaction's begin, commit and rollback, and savepoints. Each ends in <see cref="OnNodeAsync"/>
/// (or, synchronously, <see cref="OnNode"/>): released at once when the node is reported lost or declared dead by failure
/// monitoring, and an error that means the node is gone becomes the connection's one loss transition
/// (<see cref="AuroraConnection.FailOverAsync"/>) and the failover outcome to throw. A pass-through connection (neither
/// failover nor monitoring) hands the driver's task back as it is.
/// </summary>
internal static class CommandExecution
{
    /// <summary>
    /// The synchronous form of the one path: runs <paramref name="operation"/> and turns an error that means the node is
    /// gone into the failover outcome. Callers on a monitored connection take <see cref="OnNodeAsync"/> instead, since a
    /// blocked driver call cannot be released when the node is declared dead and an awaited one can.
    /// </summary>
    public static T OnNode<TState, T>(AuroraConnection connection, TState state, Func<TState, T> operation, INodeStep? step = null)
    {
        try
        {
            return operation(state);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            step?.Lost();
            throw connection.FailOverAsync(error, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The one path: awaits <paramref name="running"/>, released when the node is reported lost (the step then lets its
    /// driver object go), and turns an error that means the node is gone into the failover outcome. Failure monitoring's
    /// <paramref name="watch"/> ends before a failover, and with the step unless <paramref name="keepWatch"/> (a reader keeps it).
    /// </summary>
    public static async Task<T> OnNodeAsync<T>(
        AuroraConnection connection, Task<T> running, INodeStep? step, IDisposable? watch, bool keepWatch, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            if (connection.IsLossWatched && !running.IsCompleted)
            {
                // A statement on the writer that outlives the stall threshold makes the topology be checked at once (see
                // ITopologyAwareOpener.WatchStatement): a frozen writer whose replacement is promoted then releases it through
                // the writer watch within a fast refresh, not at the next normal one, nor when monitoring declares it dead.
                using var stall = watch is CommandWatch ? null : connection.WatchStall(); // a CommandWatch reports the stall itself
                if (await connection.RaceLoss(running).ConfigureAwait(false))
                {
                    step?.Released(running);
                    throw connection.HostLost(running);
                }

                result = await running.ConfigureAwait(false);
            }
            else
            {
                result = await running.ConfigureAwait(false);
            }
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            watch?.Dispose();
            step?.Lost();
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!keepWatch)
            {
                watch?.Dispose();
            }
        }

        step?.Completed();
        return result;
    }

    /// <summary>Runs synchronously; on a monitored connection through <paramref name="asyncOperation"/>, so that a node declared dead releases the caller.</summary>
    public static T Run<TDriver, T>(IDriverRun<TDriver> run, AuroraConnection connection, Func<TDriver, T> operation, Func<TDriver, CancellationToken, Task<T>>? asyncOperation = null)
        where TDriver : class
    {
        if (asyncOperation is not null && connection.IsMonitored)
        {
            return RunAsync(run, connection, asyncOperation, CancellationToken.None).GetAwaiter().GetResult();
        }

        connection.EnsureUsable();
        var result = OnNode(connection, (run, connection, operation), static s => s.operation(BindForRun(s.run, s.connection)), run);
        run.Completed();
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
            return OnNodeAsync(connection, Task.FromException<T>(error), run, null, keepWatch: false, cancellationToken);
        }

        if (running.IsCompletedSuccessfully)
        {
            run.Completed();
            return running;
        }

        // Watched by monitoring from startedAt: a run that completes at once needs no probe.
        return connection.IsLossWatched && !running.IsCompleted
            ? connection.RaceStatement(running, run, startedAt, cancellationToken)
            : OnNodeAsync(connection, running, run, connection.WatchRunning(startedAt), keepWatch: false, cancellationToken);
    }

    /// <summary>
    /// After a statement's race (<see cref="ConnectionStateMachine.RaceStatement"/>) was decided by a loss report (then its
    /// error is the loss) or the statement failed: <see cref="OnNodeAsync"/>'s failover path (its watch ended with the race).
    /// </summary>
    public static Task<T> AfterRaceAsync<T>(AuroraConnection connection, Task<T> running, INodeStep step, bool lost, CancellationToken cancellationToken)
    {
        if (lost)
        {
            step.Released(running);
            running = Task.FromException<T>(connection.HostLost(running));
        }

        return OnNodeAsync(connection, running, step, null, keepWatch: false, cancellationToken);
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
            return ExecuteReaderAsync(run, connection, behavior, executeAsync, CancellationToken.None).GetAwaiter().GetResult();
        }

        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        connection.EnsureUsable();
        var reader = OnNode(connection, (run, connection, execute, driverBehavior), static s => s.execute(BindForRun(s.run, s.connection), s.driverBehavior));
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
            Task<DbDataReader> running;
            try
            {
                var driver = await BindForRunAsync(run, connection, cancellationToken).ConfigureAwait(false);
                watch = connection.WatchCommand(connection.CommandStartTime());
                running = executeAsync(driver, driverBehavior, cancellationToken);
            }
            catch (Exception error) when (connection.ShouldFailOver(error))
            {
                running = Task.FromException<DbDataReader>(error);
            }

            reader = await OnNodeAsync(connection, running, null, watch, keepWatch: true, cancellationToken).ConfigureAwait(false);
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
        IDisposable? watch = null;
        try
        {
            var driver = await BindForRunAsync(run, connection, cancellationToken).ConfigureAwait(false);
            var startedAt = connection.CommandStartTime();
            running = Start(connection, operation, driver, cancellationToken);
            watch = connection.WatchRunning(startedAt);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            running = Task.FromException<T>(error);
        }

        return await OnNodeAsync(connection, running, run, watch, keepWatch: false, cancellationToken).ConfigureAwait(false);
    }

    // A provider whose asynchronous calls block (MySql.Data) is started on a thread of its own: otherwise the caller would
    // be held inside the call, before any task exists that monitoring or a writer change could release it from (and on
    // the thread pool, a long query would hold a pool thread for its whole length).
    private static Task<T> Start<TDriver, T>(AuroraConnection connection, Func<TDriver, CancellationToken, Task<T>> operation, TDriver driver, CancellationToken cancellationToken) =>
        connection.Driver.BlocksInAsyncCalls
            ? StartBlocking(operation, driver, cancellationToken)
            : operation(driver, cancellationToken);

    // Apart, so that the closure is allocated only for such a driver, not on every statement.
    private static Task<T> StartBlocking<TDriver, T>(Func<TDriver, CancellationToken, Task<T>> operation, TDriver driver, CancellationToken cancellationToken) =>
        Drivers.BlockingWork.Run(() => operation(driver, cancellationToken));

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
