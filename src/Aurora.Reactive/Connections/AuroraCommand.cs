using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A command of an <see cref="AuroraConnection"/>. Its text, type, timeout and parameters live on this
/// object and are given to a driver command on whichever physical connection the logical connection
/// uses, so the command keeps working after a failover.
/// </summary>
public sealed partial class AuroraCommand : DbCommand
{
    private AuroraParameterCollection? _parameters; // made on first use: most commands have none
    private AuroraConnection? _connection;
    private AuroraTransaction? _transaction;
    private string _commandText = string.Empty;
    private CommandType _commandType = CommandType.Text;
    private int? _commandTimeout;

    /// <summary>Creates a command with no connection.</summary>
    public AuroraCommand()
    {
    }

    /// <summary>Creates a command.</summary>
    /// <param name="commandText">The SQL.</param>
    /// <param name="connection">The connection, or <see langword="null"/>.</param>
    public AuroraCommand(string commandText, AuroraConnection? connection = null)
    {
        CommandText = commandText;
        _connection = connection;
    }

    /// <inheritdoc/>
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            _commandText = value ?? string.Empty;
            if (_physical is not null)
            {
                _physical.CommandText = _commandText;
            }
        }
    }

    /// <summary>The command timeout in seconds; when never set, the driver's default (from its connection string).</summary>
    /// <exception cref="ArgumentOutOfRangeException">On set, the value is negative.</exception>
    public override int CommandTimeout
    {
        get => _commandTimeout ?? _physical?.CommandTimeout ?? 30;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(CommandTimeout));
            _commandTimeout = value;
            if (_physical is not null)
            {
                _physical.CommandTimeout = value;
            }
        }
    }

    /// <inheritdoc/>
    public override CommandType CommandType
    {
        get => _commandType;
        set
        {
            _commandType = value;
            if (_physical is not null)
            {
                _physical.CommandType = value;
            }
        }
    }

    /// <inheritdoc/>
    public override bool DesignTimeVisible { get; set; }

    /// <inheritdoc/>
    public override UpdateRowSource UpdatedRowSource { get; set; } = UpdateRowSource.Both;

    /// <summary>The connection the command runs on.</summary>
    /// <exception cref="InvalidOperationException">On set, a reader of this command is open.</exception>
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
                throw new InvalidOperationException("The command's connection cannot change while a reader of the command is open; close the reader first.");
            }

            _connection = value;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">On set, the value is not an <see cref="AuroraConnection"/>.</exception>
    /// <exception cref="InvalidOperationException">On set, a reader of this command is open.</exception>
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => Connection = value switch
        {
            null => null,
            AuroraConnection aurora => aurora,
            _ => throw new ArgumentException($"An AuroraCommand runs on an AuroraConnection, not on a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <summary>The parameters.</summary>
    public new AuroraParameterCollection Parameters => _parameters ??= new();

    /// <inheritdoc/>
    protected override DbParameterCollection DbParameterCollection => Parameters;

    /// <summary>The transaction the command runs in. The command always joins the connection's current transaction.</summary>
    /// <exception cref="ArgumentException">On set, the value is not an <see cref="AuroraTransaction"/>.</exception>
    public new AuroraTransaction? Transaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    /// <inheritdoc/>
    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value switch
        {
            null => null,
            AuroraTransaction aurora => aurora,
            _ => throw new ArgumentException($"An AuroraCommand runs in an AuroraTransaction, not in a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <summary>Creates a parameter: the driver's own type when the command has a connection, else an <see cref="AuroraParameter"/>.</summary>
    /// <returns>A new parameter, not yet added to <see cref="Parameters"/>.</returns>
    public new DbParameter CreateParameter() => CreateDbParameter();

    /// <inheritdoc/>
    protected override DbParameter CreateDbParameter() => _connection?.Driver.CreateParameter() ?? new AuroraParameter();

    /// <summary>Asks the driver to cancel the running command (best effort, as the driver does it).</summary>
    public override void Cancel() => _physical?.Cancel();

    /// <summary>The driver command for the current physical connection, for driver features this library does not wrap.</summary>
    /// <returns>The driver command, bound to the connection's current physical connection.</returns>
    /// <exception cref="InvalidOperationException">The command has no open connection.</exception>
    public DbCommand Unwrap() => Bind(OpenConnection());

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _physical is not null)
        {
            if (_parameters is not null)
            {
                _physical.Parameters.Clear(); // lets the parameters go to another command; without a collection none was bound
            }

            _physical.Dispose();
            _physical = null;
            _boundConnection = null;
        }

        base.Dispose(disposing);
    }
}
