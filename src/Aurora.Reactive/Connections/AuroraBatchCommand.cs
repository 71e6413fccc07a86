using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aurora.Reactive.Connections;

/// <summary>
/// One statement of an <see cref="AuroraBatch"/>. Like <see cref="AuroraCommand"/>, its text, type and parameters
/// live on this object and are given to a driver batch command on whichever node the connection is on.
/// </summary>
public sealed class AuroraBatchCommand : DbBatchCommand
{
    private readonly AuroraParameterCollection _parameters = new();
    private string _commandText = string.Empty;
    private CommandType _commandType = CommandType.Text;

    /// <summary>Creates an empty batch command.</summary>
    public AuroraBatchCommand()
    {
    }

    /// <summary>Creates a batch command.</summary>
    /// <param name="commandText">The SQL.</param>
    public AuroraBatchCommand(string commandText) => CommandText = commandText;

    /// <inheritdoc/>
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set
        {
            _commandText = value ?? string.Empty;
            Version++;
        }
    }

    /// <inheritdoc/>
    public override CommandType CommandType
    {
        get => _commandType;
        set
        {
            _commandType = value;
            Version++;
        }
    }

    /// <summary>The rows the statement affected in the batch's last run, as the driver reports them; -1 before a run.</summary>
    public override int RecordsAffected => Bound?.RecordsAffected ?? -1;

    /// <summary>The parameters.</summary>
    public new AuroraParameterCollection Parameters => _parameters;

    /// <inheritdoc/>
    protected override DbParameterCollection DbParameterCollection => _parameters;

    /// <summary>Whether <see cref="CreateParameter"/> works: always.</summary>
    public override bool CanCreateParameter => true;

    /// <summary>Creates a driver-neutral parameter, copied to a driver parameter when the batch runs.</summary>
    /// <returns>A new <see cref="AuroraParameter"/>, not yet added to <see cref="Parameters"/>.</returns>
    public override DbParameter CreateParameter() => new AuroraParameter();

    /// <summary>Changes whenever the text or type changes.</summary>
    internal int Version { get; private set; }

    /// <summary>The driver batch command this one was given to for the current physical batch.</summary>
    internal DbBatchCommand? Bound { get; set; }
}
