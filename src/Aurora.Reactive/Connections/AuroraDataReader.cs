using System.Collections;
using System.Data;
using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A reader over the results of an <see cref="AuroraCommand"/> or <see cref="AuroraBatch"/>, forwarding to the driver's reader. When
/// the node fails while rows are read, the connection fails over and the read throws a
/// <see cref="Failover.FailoverException"/>; this reader is then finished.
/// </summary>
public sealed partial class AuroraDataReader : DbDataReader, INodeStep
{
    private readonly DbDataReader _inner;
    private readonly AuroraConnection _connection;
    private readonly IDriverRun _command;
    private readonly CommandBehavior _behavior;
    private readonly IDisposable? _watch;
    private bool _closed;

    internal AuroraDataReader(DbDataReader inner, AuroraConnection connection, IDriverRun command, CommandBehavior behavior, IDisposable? watch = null)
    {
        _inner = inner;
        _connection = connection;
        _command = command;
        _behavior = behavior;
        _watch = watch;
    }

    /// <summary>The driver's reader, for driver features this library does not wrap.</summary>
    /// <returns>The driver reader.</returns>
    public DbDataReader Unwrap() => _inner;

    /// <inheritdoc/>
    public override int Depth => _inner.Depth;

    /// <inheritdoc/>
    public override int FieldCount => _inner.FieldCount;

    /// <inheritdoc/>
    public override bool HasRows => _inner.HasRows;

    /// <inheritdoc/>
    public override bool IsClosed => _closed || _inner.IsClosed;

    /// <inheritdoc/>
    public override int RecordsAffected => _inner.RecordsAffected;

    /// <inheritdoc/>
    public override int VisibleFieldCount => _inner.VisibleFieldCount;

    /// <summary>Moves to the next row.</summary>
    /// <returns><see langword="true"/> when there is a row.</returns>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    public override bool Read()
    {
        if (_connection.IsMonitored)
        {
            return Released(_inner.ReadAsync(CancellationToken.None));
        }

        return CommandExecution.OnNode(_connection, _inner, static inner => inner.Read(), this);
    }

    /// <summary>Moves to the next row.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when there is a row.</returns>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        var read = _inner.ReadAsync(cancellationToken);
        return read.IsCompletedSuccessfully || _connection.IsPassThrough ? read : WatchedAsync(read, cancellationToken);
    }

    /// <summary>Moves to the next result set.</summary>
    /// <returns><see langword="true"/> when there is one.</returns>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    public override bool NextResult()
    {
        if (_connection.IsMonitored)
        {
            return Released(_inner.NextResultAsync(CancellationToken.None));
        }

        return CommandExecution.OnNode(_connection, _inner, static inner => inner.NextResult(), this);
    }

    /// <summary>Moves to the next result set.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when there is one.</returns>
    /// <exception cref="Failover.FailoverException">The node failed and the connection failed over.</exception>
    /// <exception cref="Monitoring.HostUnavailableException">Failure monitoring declared the node dead and failover is not loaded: the command was abandoned and the connection is broken.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public override Task<bool> NextResultAsync(CancellationToken cancellationToken)
    {
        var next = _inner.NextResultAsync(cancellationToken);
        return next.IsCompletedSuccessfully || _connection.IsPassThrough ? next : WatchedAsync(next, cancellationToken);
    }

    /// <inheritdoc/>
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, (_behavior & CommandBehavior.CloseConnection) != 0);

    /// <inheritdoc/>
    public override DataTable? GetSchemaTable() => _inner.GetSchemaTable();

    /// <inheritdoc/>
    public override Task<DataTable?> GetSchemaTableAsync(CancellationToken cancellationToken = default) => _inner.GetSchemaTableAsync(cancellationToken);

    /// <inheritdoc/>
    public override Task<System.Collections.ObjectModel.ReadOnlyCollection<DbColumn>> GetColumnSchemaAsync(CancellationToken cancellationToken = default) =>
        _inner.GetColumnSchemaAsync(cancellationToken);

    /// <summary>Closes the reader (and, with <see cref="CommandBehavior.CloseConnection"/>, the logical connection).</summary>
    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _inner.Dispose();
        }
        catch (Exception error) when (_connection.ShouldFailOver(error))
        {
            _connection.DeferFailover(error);
        }

        Closed();
        if ((_behavior & CommandBehavior.CloseConnection) != 0)
        {
            _connection.Close();
        }
    }

    /// <summary>Closes the reader (and, with <see cref="CommandBehavior.CloseConnection"/>, the logical connection).</summary>
    /// <returns>A task that completes when the reader is closed.</returns>
    public override async Task CloseAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (_connection.ShouldFailOver(error))
        {
            _connection.DeferFailover(error);
        }

        Closed();
        if ((_behavior & CommandBehavior.CloseConnection) != 0)
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return new ValueTask(CloseAsync());
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private void Closed()
    {
        _watch?.Dispose();
        _command.ReaderClosed();
    }

    /// <summary>A synchronous read on a monitored connection: waits on the driver's async read so that a node declared dead releases it.</summary>
    private bool Released(Task<bool> operation) =>
        operation.IsCompletedSuccessfully ? operation.Result : WatchedAsync(operation, CancellationToken.None).GetAwaiter().GetResult();

    // The reader's watch lives until it closes; a failover ends it (see Lost).
    private Task<bool> WatchedAsync(Task<bool> operation, CancellationToken cancellationToken) =>
        CommandExecution.OnNodeAsync(_connection, operation, this, null, keepWatch: true, cancellationToken);

    void INodeStep.Completed()
    {
    }

    void INodeStep.Released(Task running)
    {
    }

    void INodeStep.Lost()
    {
        _closed = true;
        _watch?.Dispose();
    }
}
