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
    public override int ExecuteNonQuery() =>
        CommandExecution.Run(this, OpenConnection(), static command => command.ExecuteNonQuery(), static (command, ct) => command.ExecuteNonQueryAsync(ct));

    /// <summary>Runs the command and returns the first column of the first row.</summary>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override object? ExecuteScalar() =>
        CommandExecution.Run(this, OpenConnection(), static command => command.ExecuteScalar(), static (command, ct) => command.ExecuteScalarAsync(ct));

    /// <summary>Runs the command and returns the number of rows affected.</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        CommandExecution.RunDirectOrAsync(this, OpenConnection(), static (command, ct) => command.ExecuteNonQueryAsync(ct), cancellationToken);

    /// <summary>Runs the command and returns the first column of the first row.</summary>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        CommandExecution.RunDirectOrAsync(this, OpenConnection(), static (command, ct) => command.ExecuteScalarAsync(ct), cancellationToken);

    /// <inheritdoc/>
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        _reader = CommandExecution.ExecuteReader(
            this,
            OpenConnection(),
            behavior,
            static (command, driverBehavior) => command.ExecuteReader(driverBehavior),
            static (command, driverBehavior, ct) => command.ExecuteReaderAsync(driverBehavior, ct));

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
    public new async Task<AuroraDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken = default) =>
        _reader = await CommandExecution.ExecuteReaderAsync(
            this,
            OpenConnection(),
            behavior,
            static (command, driverBehavior, ct) => command.ExecuteReaderAsync(driverBehavior, ct),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Prepares the command on the server; after a failover it is prepared again on the new node before it next runs.</summary>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    public override void Prepare()
    {
        _prepareRequested = true;
        _needsPrepare = true;
        CommandExecution.Run(this, OpenConnection(), static _ => true);
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
        await CommandExecution.RunAsync(this, OpenConnection(), static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }
}
