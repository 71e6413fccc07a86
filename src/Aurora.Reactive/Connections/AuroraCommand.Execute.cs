using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraCommand
{
    /// <summary>Runs the command and returns the number of rows affected.</summary>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override int ExecuteNonQuery() => Run(static command => command.ExecuteNonQuery(), static (command, ct) => command.ExecuteNonQueryAsync(ct));

    /// <summary>Runs the command and returns the first column of the first row.</summary>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override object? ExecuteScalar() => Run(static command => command.ExecuteScalar(), static (command, ct) => command.ExecuteScalarAsync(ct));

    /// <summary>Runs the command and returns the number of rows affected.</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        if (connection.IsPassThrough && !_parameters.HasNeutralParameters)
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
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        if (connection.IsPassThrough && !_parameters.HasNeutralParameters)
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
        if (connection.IsMonitored)
        {
            // A blocked driver call cannot be released when the node is declared dead; an awaited one can.
            return ExecuteReaderAsync(behavior, CancellationToken.None).GetAwaiter().GetResult();
        }

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
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public new async Task<AuroraDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken = default)
    {
        var connection = OpenConnection();
        var driverBehavior = behavior & ~CommandBehavior.CloseConnection;
        DbDataReader reader;
        if (connection.IsPassThrough)
        {
            var command = await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false);
            reader = await command.ExecuteReaderAsync(driverBehavior, cancellationToken).ConfigureAwait(false);
            return new AuroraDataReader(reader, connection, this, behavior);
        }

        await connection.EnsureUsableAsync(cancellationToken).ConfigureAwait(false);
        IDisposable watch = System.Reactive.Disposables.Disposable.Empty;
        try
        {
            var command = await BindForRunAsync(connection, cancellationToken).ConfigureAwait(false);
            // The reader is watched until it is closed: its reads wait on the node too.
            watch = connection.WatchCommand(connection.CommandStartTime());
            reader = await connection.Watch(command.ExecuteReaderAsync(driverBehavior, cancellationToken)).ConfigureAwait(false);
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

        return new AuroraDataReader(reader, connection, this, behavior, watch);
    }

    /// <summary>Prepares the command on the server; after a failover it is prepared again on the new node before it next runs.</summary>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
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
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    public override async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        _prepareRequested = true;
        _needsPrepare = true;
        await RunAsync(OpenConnection(), static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    internal void ReaderClosed() => AfterExecute();

    private T Run<T>(Func<DbCommand, T> operation, Func<DbCommand, CancellationToken, Task<T>>? asyncOperation = null)
    {
        var connection = OpenConnection();
        if (asyncOperation is not null && connection.IsMonitored)
        {
            // A blocked driver call cannot be released when the node is declared dead; an awaited one can.
            return RunAsync(connection, asyncOperation, CancellationToken.None).GetAwaiter().GetResult();
        }

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
