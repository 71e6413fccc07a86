using System.Data.Common;

namespace Aurora.Reactive.Tests.MySql;

/// <summary>
/// A provider exception shaped like MySqlConnector's (which our registry lacks): the error number in <c>Number</c>,
/// the SQLSTATE through <see cref="DbException.SqlState"/>, and an <c>ErrorCode</c> of an enum type hiding the base one.
/// </summary>
internal sealed class ConnectorStyleException(int number, string? sqlState, Exception? inner = null) : DbException("connector-style error", inner)
{
    public int Number { get; } = number;

    public new ConnectorStyleErrorCode ErrorCode => (ConnectorStyleErrorCode)Number;

    public override string? SqlState { get; } = sqlState;
}
