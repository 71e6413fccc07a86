using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aurora.Reactive.Connections;

/// <summary>
/// A driver-neutral parameter, used when a command has no connection yet to create a driver parameter
/// (or when created directly). Its standard properties are copied to a driver parameter before every
/// execution, and output values are copied back.
/// </summary>
public sealed class AuroraParameter : DbParameter
{
    private string _name = string.Empty;
    private string _sourceColumn = string.Empty;
    private DbType _dbType = DbType.String;

    /// <summary>Creates an empty parameter.</summary>
    public AuroraParameter()
    {
    }

    /// <summary>Creates a parameter with a name and a value.</summary>
    /// <param name="parameterName">The name, as the SQL refers to it.</param>
    /// <param name="value">The value; <see langword="null"/> is sent as <see cref="DBNull"/>.</param>
    public AuroraParameter(string parameterName, object? value)
    {
        ParameterName = parameterName;
        Value = value;
    }

    /// <inheritdoc/>
    public override DbType DbType
    {
        get => _dbType;
        set
        {
            _dbType = value;
            IsDbTypeSet = true;
        }
    }

    /// <summary>Whether <see cref="DbType"/> was set explicitly (otherwise the driver infers it from the value).</summary>
    public bool IsDbTypeSet { get; private set; }

    /// <inheritdoc/>
    public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;

    /// <inheritdoc/>
    public override bool IsNullable { get; set; }

    /// <inheritdoc/>
    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? string.Empty;
    }

    /// <inheritdoc/>
    [AllowNull]
    public override string SourceColumn
    {
        get => _sourceColumn;
        set => _sourceColumn = value ?? string.Empty;
    }

    /// <inheritdoc/>
    public override bool SourceColumnNullMapping { get; set; }

    /// <inheritdoc/>
    public override object? Value { get; set; }

    /// <summary>The version of a <see cref="DataRow"/> a data adapter reads the value from.</summary>
    /// <value>The default value is <see cref="DataRowVersion.Current"/>.</value>
    public override DataRowVersion SourceVersion { get; set; } = DataRowVersion.Current;

    /// <inheritdoc/>
    public override int Size { get; set; }

    /// <inheritdoc/>
    public override byte Precision { get; set; }

    /// <inheritdoc/>
    public override byte Scale { get; set; }

    /// <inheritdoc/>
    public override void ResetDbType()
    {
        _dbType = DbType.String;
        IsDbTypeSet = false;
    }

    /// <summary>The driver parameter this one is copied to for the current physical command.</summary>
    internal DbParameter? Bound { get; set; }

    internal void CopyTo(DbParameter target)
    {
        target.ParameterName = _name;
        target.Direction = Direction;
        target.IsNullable = IsNullable;
        target.SourceColumn = _sourceColumn;
        target.SourceColumnNullMapping = SourceColumnNullMapping;
        target.SourceVersion = SourceVersion;
        target.Size = Size;
        target.Precision = Precision;
        target.Scale = Scale;
        if (IsDbTypeSet)
        {
            target.DbType = DbType;
        }

        target.Value = Value ?? DBNull.Value;
    }
}
