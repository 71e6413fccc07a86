using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A batch of statements on an <see cref="AuroraConnection"/>, sent to the server in one round trip by the driver's
/// own batch. It runs like an <see cref="AuroraCommand"/>: across failover (a node error fails the connection over and
/// throws the <see cref="Failover.FailoverException"/>) and watched by enhanced failure monitoring; every other driver
/// error reaches the caller unwrapped. Its statements live on this object and are given to a driver batch on
/// whichever node the connection is on.
/// </summary>
public sealed partial class AuroraBatch : DbBatch
{
    private readonly AuroraBatchCommandCollection _commands = new();
    private AuroraConnection? _connection;
    private AuroraTransaction? _transaction;
    private int? _timeout;

    /// <summary>Creates a batch with no connection.</summary>
    public AuroraBatch()
    {
    }

    /// <summary>The statements, run in order.</summary>
    public new AuroraBatchCommandCollection BatchCommands => _commands;

    /// <inheritdoc/>
    protected override DbBatchCommandCollection DbBatchCommands => _commands;

    /// <summary>The timeout in seconds of the whole batch; when never set, the driver's default (from its connection string).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set, the value is negative.</exception>
    public override int Timeout
    {
        get => _timeout ?? _physical?.Timeout ?? 30;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Timeout));
            _timeout = value;
            if (_physical is not null)
            {
                _physical.Timeout = value;
            }
        }
    }

    /// <summary>The connection the batch runs on.</summary>
    /// <exception cref="InvalidOperationException">On set, a reader of this batch is open.</exception>
    public new AuroraConnection? Connection
    {
        get => _connection;
        set
        {
            if (ReferenceEquals(value, _connection))
            {
                return;
            }

            if (HasOpenReader)
            {
                throw new InvalidOperationException("The batch's connection cannot change while a reader of the batch is open; close the reader first.");
            }

            _connection = value;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">On set, the value is not an <see cref="AuroraConnection"/>.</exception>
    /// <exception cref="InvalidOperationException">On set, a reader of this batch is open.</exception>
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => Connection = value switch
        {
            null => null,
            AuroraConnection aurora => aurora,
            _ => throw new ArgumentException($"An AuroraBatch runs on an AuroraConnection, not on a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <summary>The transaction the batch runs in. The batch always joins the connection's current transaction.</summary>
    public new AuroraTransaction? Transaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">On set, the value is not an <see cref="AuroraTransaction"/>.</exception>
    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value switch
        {
            null => null,
            AuroraTransaction aurora => aurora,
            _ => throw new ArgumentException($"An AuroraBatch runs in an AuroraTransaction, not in a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <summary>Runs the batch and returns the total number of rows its statements affected.</summary>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override int ExecuteNonQuery() =>
        _dataSource is not null ? OnOwnConnection(static batch => batch.RunNonQuery()) : RunNonQuery();

    /// <summary>Runs the batch and returns the total number of rows its statements affected.</summary>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The rows affected, as the driver reports them.</returns>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) =>
        _dataSource is not null ? OnOwnConnectionAsync(static (batch, ct) => batch.RunNonQueryAsync(ct), cancellationToken) : RunNonQueryAsync(cancellationToken);

    /// <summary>Runs the batch and returns the first column of the first row of the first statement that returns rows.</summary>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    public override object? ExecuteScalar() =>
        _dataSource is not null ? OnOwnConnection(static batch => batch.RunScalar()) : RunScalar();

    /// <summary>Runs the batch and returns the first column of the first row of the first statement that returns rows.</summary>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The value, or <see langword="null"/> when there is no row.</returns>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over (see the exception type for what to do).</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    /// <exception cref="DbException">The driver's own error, unwrapped, for anything that is not a failover.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) =>
        _dataSource is not null ? OnOwnConnectionAsync(static (batch, ct) => batch.RunScalarAsync(ct), cancellationToken) : RunScalarAsync(cancellationToken);

    /// <inheritdoc/>
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        _dataSource is not null ? ReaderOnOwnConnection(behavior) : _reader = CommandExecution.ExecuteReader(
            this,
            OpenConnection(),
            behavior,
            static (batch, driverBehavior) => batch.ExecuteReader(driverBehavior),
            static (batch, driverBehavior, ct) => batch.ExecuteReaderAsync(driverBehavior, ct));

    /// <inheritdoc/>
    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        _dataSource is not null ? await ReaderOnOwnConnectionAsync(behavior, cancellationToken).ConfigureAwait(false) : _reader = await CommandExecution.ExecuteReaderAsync(
            this,
            OpenConnection(),
            behavior,
            static (batch, driverBehavior, ct) => batch.ExecuteReaderAsync(driverBehavior, ct),
            cancellationToken).ConfigureAwait(false);

    private int RunNonQuery() =>
        CommandExecution.Run(this, OpenConnection(), static batch => batch.ExecuteNonQuery(), static (batch, ct) => batch.ExecuteNonQueryAsync(ct));

    private Task<int> RunNonQueryAsync(CancellationToken cancellationToken) =>
        CommandExecution.RunDirectOrAsync(this, OpenConnection(), static (batch, ct) => batch.ExecuteNonQueryAsync(ct), cancellationToken);

    private object? RunScalar() =>
        CommandExecution.Run(this, OpenConnection(), static batch => batch.ExecuteScalar(), static (batch, ct) => batch.ExecuteScalarAsync(ct));

    private Task<object?> RunScalarAsync(CancellationToken cancellationToken) =>
        CommandExecution.RunDirectOrAsync(this, OpenConnection(), static (batch, ct) => batch.ExecuteScalarAsync(ct), cancellationToken);

    /// <summary>Prepares the batch on the server; after a failover, or a change to its statements, it is prepared again before it next runs.</summary>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    public override void Prepare()
    {
        _prepareRequested = true;
        _needsPrepare = true;
        CommandExecution.Run(this, OpenConnection(), static _ => true);
    }

    /// <summary>Prepares the batch on the server; after a failover, or a change to its statements, it is prepared again before it next runs.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the batch is prepared.</returns>
    /// <exception cref="InvalidOperationException">The batch has no open connection.</exception>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the batch was abandoned and the connection is broken.</exception>
    public override async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        _prepareRequested = true;
        _needsPrepare = true;
        await CommandExecution.RunAsync(this, OpenConnection(), static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the driver to cancel the running batch (best effort, as the driver does it).</summary>
    public override void Cancel() => _physical?.Cancel();

    /// <summary>Creates a statement for this batch; add it to <see cref="BatchCommands"/>.</summary>
    /// <returns>A new batch command.</returns>
    public new AuroraBatchCommand CreateBatchCommand() => new();

    /// <inheritdoc/>
    protected override DbBatchCommand CreateDbBatchCommand() => CreateBatchCommand();

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (_physical is not null)
        {
            Release(_physical);
            _physical.Dispose();
            _physical = null;
            _boundConnection = null;
        }

        base.Dispose();
    }
}
