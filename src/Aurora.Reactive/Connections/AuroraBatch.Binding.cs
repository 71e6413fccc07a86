using System.Data.Common;

namespace Aurora.Reactive.Connections;

/// <content>The driver batch for the connection's current physical connection, and what <see cref="CommandExecution"/> needs.</content>
public sealed partial class AuroraBatch : IDriverRun<DbBatch>
{
    private DbBatch? _physical;
    private DbConnection? _boundConnection;
    private int[] _boundVersions = [];
    private bool _prepareRequested;
    private bool _needsPrepare;
    private AuroraDataReader? _reader;

    private bool HasOpenReader => _reader is { IsClosed: false };

    bool IDriverRun<DbBatch>.HasNeutralParameters
    {
        get
        {
            foreach (var command in _commands.Items)
            {
                if (command.Parameters.HasNeutralParameters)
                {
                    return true;
                }
            }

            return false;
        }
    }

    bool IDriverRun<DbBatch>.NeedsPrepare => _needsPrepare;

    /// <summary>
    /// The driver batch for the connection's current physical connection. A new one is made after the physical
    /// connection changed (failover, reopen) or the statements changed; otherwise neutral values are copied in.
    /// </summary>
    DbBatch IDriverRun<DbBatch>.Bind(AuroraConnection connection)
    {
        var physicalConnection = connection.GetPhysicalForCommand();
        var batch = _physical;
        if (batch is null || !ReferenceEquals(_boundConnection, physicalConnection) || !IsBoundShape())
        {
            batch = Rebind(connection, physicalConnection);
        }
        else
        {
            foreach (var command in _commands.Items)
            {
                if (command.Parameters.HasNeutralParameters)
                {
                    command.Parameters.CopyNeutralValuesIn();
                }
            }
        }

        CommandExecution.ThrowIfTransactionUnusable(_transaction);
        batch.Transaction = connection.PhysicalTransaction;
        return batch;
    }

    void IDriverRun<DbBatch>.Prepare(DbBatch driver)
    {
        driver.Prepare();
        _needsPrepare = false;
    }

    async Task IDriverRun<DbBatch>.PrepareAsync(DbBatch driver, CancellationToken cancellationToken)
    {
        await driver.PrepareAsync(cancellationToken).ConfigureAwait(false);
        _needsPrepare = false;
    }

    void INodeStep.Completed() => AfterExecute();

    void INodeStep.Lost()
    {
    }

    void IDriverRun.ReaderClosed()
    {
        _reader = null;
        AfterExecute();
    }

    void INodeStep.Released(Task running)
    {
        var physical = _physical;
        _physical = null;
        _boundConnection = null;
        CommandExecution.DisposeWhenDone(running, physical);
    }

    private AuroraConnection OpenConnection() =>
        _connection ?? throw new InvalidOperationException("The batch has no connection; set Connection first.");

    private DbBatch Rebind(AuroraConnection connection, DbConnection physicalConnection)
    {
        var previous = _physical;
        if (previous is not null)
        {
            Release(previous);
        }

        var batch = physicalConnection.CreateBatch();
        if (_timeout is int timeout)
        {
            batch.Timeout = timeout;
        }

        var items = _commands.Items;
        var versions = new int[1 + (2 * items.Count)];
        versions[0] = _commands.Version;
        for (var i = 0; i < items.Count; i++)
        {
            var command = items[i];
            var driverCommand = batch.CreateBatchCommand();
            driverCommand.CommandText = command.CommandText;
            driverCommand.CommandType = command.CommandType;
            command.Parameters.BindTo(driverCommand.Parameters, connection.Driver.CreateParameter, previous: null);
            batch.BatchCommands.Add(driverCommand);
            command.Bound = driverCommand;
            versions[1 + (2 * i)] = command.Version;
            versions[2 + (2 * i)] = command.Parameters.Version;
        }

        previous?.Dispose();
        _physical = batch;
        _boundConnection = physicalConnection;
        _boundVersions = versions;
        _needsPrepare = _prepareRequested;
        return batch;
    }

    private bool IsBoundShape()
    {
        var items = _commands.Items;
        if (_boundVersions.Length != 1 + (2 * items.Count) || _boundVersions[0] != _commands.Version)
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (_boundVersions[1 + (2 * i)] != items[i].Version || _boundVersions[2 + (2 * i)] != items[i].Parameters.Version)
            {
                return false;
            }
        }

        return true;
    }

    // The parameter objects belong to the logical commands: a driver batch that is let go gives them back first.
    private static void Release(DbBatch batch)
    {
        foreach (DbBatchCommand driverCommand in batch.BatchCommands)
        {
            driverCommand.Parameters.Clear();
        }
    }

    private void AfterExecute()
    {
        foreach (var command in _commands.Items)
        {
            if (command.Parameters.HasNeutralParameters)
            {
                command.Parameters.CopyNeutralValuesOut();
            }
        }
    }
}
