using System.Data.Common;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraCommand
{
    private DbCommand? _physical;
    private DbConnection? _boundConnection;
    private int _boundVersion = -1;
    private bool _prepareRequested;
    private bool _needsPrepare;

    private AuroraConnection OpenConnection() =>
        _connection ?? throw new InvalidOperationException("The command has no connection; set Connection first.");

    /// <summary>
    /// The driver command for the connection's current physical connection, with this command's text,
    /// parameters and the connection's transaction. A new driver command is made after the physical
    /// connection changed (failover, reopen); otherwise nothing is allocated.
    /// </summary>
    private DbCommand Bind(AuroraConnection connection)
    {
        var physicalConnection = connection.GetPhysicalForCommand();
        var command = _physical;
        if (command is null || !ReferenceEquals(_boundConnection, physicalConnection))
        {
            command = Rebind(physicalConnection);
        }
        else if (_boundVersion != ParametersVersion)
        {
            Parameters.BindTo(command, previous: null, fresh: false);
            _boundVersion = ParametersVersion;
        }
        else if (_parameters is { HasNeutralParameters: true } parameters)
        {
            parameters.CopyNeutralValuesIn();
        }

        CommandExecution.ThrowIfTransactionUnusable(_transaction);
        command.Transaction = connection.PhysicalTransaction;
        return command;
    }

    private DbCommand Rebind(DbConnection physicalConnection)
    {
        var previous = _physical;
        var command = physicalConnection.CreateCommand();
        command.CommandText = _commandText;
        command.CommandType = _commandType;
        if (_commandTimeout is int timeout)
        {
            command.CommandTimeout = timeout;
        }

        _parameters?.BindTo(command, previous, fresh: true); // without a collection, no parameter was ever bound
        previous?.Dispose();
        _physical = command;
        _boundConnection = physicalConnection;
        _boundVersion = ParametersVersion;
        _needsPrepare = _prepareRequested;
        return command;
    }

    private int ParametersVersion => _parameters?.Version ?? 0;

    private void AfterExecute()
    {
        if (_parameters is { HasNeutralParameters: true } parameters)
        {
            parameters.CopyNeutralValuesOut();
        }
    }
}
