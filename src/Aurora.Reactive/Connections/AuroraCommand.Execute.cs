using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraCommand
{
    /// <summary>Runs the command and returns the number of rows affected.</summary>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override int ExecuteNonQuery() => Run(static command => command.ExecuteNonQuery());

    /// <summary>Runs the command and returns the first column of the first row.</summary>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override object? ExecuteScalar() => Run(static command => command.ExecuteScalar());

    /// <summary>Runs the command and returns the number of rows affected.</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        if (!connection.IsFailoverEnabled && !_parameters.HasNeutralParameters)
        {
            var command = Bind(connection);
            if (!_needsPrepare)
            {
                return command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return RunAsync(connection, static (command, ct) => command.ExecuteNonQueryAsync(ct), cancellationToken);
    }

    /// <summary>Runs the command and returns the first column of the first row.</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        if (!connection.IsFailoverEnabled && !_parameters.HasNeutralParameters)
        {
            var command = Bind(connection);
            if (!_needsPrepare)
            {
                return command.ExecuteScalarAsync(cancellationToken);
            }
        }

        return RunAsync(connection, static (command, ct) => command.ExecuteScalarAsync(ct), cancellationToken);
    }

    /// <inheritdoc/>
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var connection = OpenConnection();
        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        connection.EnsureUsable();
        DbDataReader reader;
        try
        {
            reader = BindForRun(connection).ExecuteReader(driverBehavior);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw connection.FailOverAsync(error, CancellationToken.None).GetAwaiter().GetResult();
        }

        return new AuroraDataReader(reader, connection, this, behavior);
    }

    /// <inheritdoc/>
    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs the command and returns a reader over its results.</summary>
    /// <param name="behavior">The reader's behaviour; <see cref="CommandBehavior.CloseConnection"/> closes the logical connection with the reader.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public new async Task<AuroraDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken = default)
    {
        var connection = OpenConnection();
        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        DbDataReader reader;
        if (!connection.IsFailoverEnabled)
        {
            var command = await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false);
            reader = await command.ExecuteReaderAsync(driverBehavior, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var command = await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false);
                reader = await connection.Watch(command.ExecuteReaderAsync(driverBehavior, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception error) when (connection.ShouldFailOver(error))
            {
                throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
            }
        }

        return new AuroraDataReader(reader, connection, this, behavior);
    }

    /// <summary>Prepares the command on the server; after a failover it is prepared again on the new node before it next runs.</summary>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    public override void Prepare()
    {
        _prepareRequested = true;
        _needsPrepare = true;
        Run(static _ => true);
    }

    /// <summary>Prepares the command on the server; after a failover it is prepared again on the new node before it next runs.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the command is prepared.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    public override async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        _prepareRequested = true;
        _needsPrepare = true;
        await RunAsync(OpenConnection(), static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    internal void ReaderClosed() => AfterExecute();

    private T Run<T>(Func<DbCommand, T> operation)
    {
        var connection = OpenConnection();
        connection.EnsureUsable();
        T result;
        try
        {
            result = operation(BindForRun(connection));
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw connection.FailOverAsync(error, CancellationToken.None).GetAwaiter().GetResult();
        }

        AfterExecute();
        return result;
    }

    private DbCommand BindForRun(AuroraConnection connection)
    {
        var command = Bind(connection);
        if (_needsPrepare)
        {
            command.Prepare();
            _needsPrepare = false;
        }

        return command;
    }

    private Task<T> RunAsync<T>(AuroraConnection connection, Func<DbCommand, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (connection.HasPendingLoss)
        {
            return RunAfterPreparationAsync(connection, operation, cancellationToken);
        }

        Task<T> running;
        try
        {
            var command = Bind(connection);
            if (_needsPrepare)
            {
                return RunAfterPreparationAsync(connection, operation, cancellationToken);
            }

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

        return AwaitWatchedAsync(connection, running, cancellationToken);
    }

    private async Task<T> RunAfterPreparationAsync<T>(AuroraConnection connection, Func<DbCommand, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        Task<T> running;
        try
        {
            running = operation(await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false), cancellationToken);
        }
        catch (Exception error) when (connection.ShouldFailOver(error))
        {
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }

        return await AwaitWatchedAsync(connection, running, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> AwaitWatchedAsync<T>(AuroraConnection connection, Task<T> running, CancellationToken cancellationToken)
    {
        T result;
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
            throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);
        }

        AfterExecute();
        return result;
    }

    private static async Task<T> ThrowFailoverAsync<T>(AuroraConnection connection, Exception error, CancellationToken cancellationToken) =>
        throw await connection.FailOverAsync(error, cancellationToken).ConfigureAwait(false);

    private async ValueTask<DbCommand> BindForRunAsync(AuroraConnection connection, CancellationToken cancellationToken)
    {
        var command = Bind(connection);
        if (_needsPrepare)
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            _needsPrepare = false;
        }

        return command;
    }
}
