using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.MySql;

/// <summary>
/// The MySQL error numbers and SQLSTATEs that decide failover, shared by every MySQL provider:
/// the client errors of a lost or unreachable server (2001-2006, 2012, 2013, 2026, 2055, and 1042, which
/// MySql.Data and MySqlConnector both raise for a host they cannot reach) and SQLSTATE class 08 mean the
/// node is unavailable; 1290 (the server runs with <c>--read-only</c>) and 1836 (a read-only transaction)
/// mean the node is read-only. Everything else is not a failover.
/// </summary>
public static class MySqlErrorCodes
{
    /// <summary>ER_OPTION_PREVENTS_STATEMENT: the server runs with <c>read_only</c> (or <c>innodb_read_only</c>).</summary>
    public const int OptionPreventsStatement = 1290;

    /// <summary>ER_READ_ONLY_MODE: the statement is not allowed in read-only mode.</summary>
    public const int ReadOnlyMode = 1836;

    /// <summary>The provider could not reach the host (MySql.Data and MySqlConnector: "Unable to connect to any of the specified MySQL hosts").</summary>
    public const int UnableToConnectToHost = 1042;

    /// <summary>CR_SERVER_LOST: the connection was lost during a query.</summary>
    public const int ServerLost = 2013;

    /// <summary>CR_SERVER_GONE_ERROR: the server has gone away.</summary>
    public const int ServerGone = 2006;

    private static readonly HashSet<int> NodeUnavailableNumbers =
        [UnableToConnectToHost, 2001, 2002, 2003, 2004, 2005, ServerGone, 2012, ServerLost, 2026, 2055];

    /// <summary>Classifies a MySQL error by its number and SQLSTATE.</summary>
    /// <param name="errorNumber">The MySQL error number, or <see langword="null"/> (or 0) when the error carried none.</param>
    /// <param name="sqlState">The five-character SQLSTATE, or <see langword="null"/> when the error carried none.</param>
    /// <returns>What the error means for failover; <see cref="DriverErrorKind.NotFailover"/> for unknown codes.</returns>
    public static DriverErrorKind Classify(int? errorNumber, string? sqlState)
    {
        if (errorNumber is OptionPreventsStatement or ReadOnlyMode)
        {
            return DriverErrorKind.ReadOnlyNode;
        }

        if (errorNumber is { } number && NodeUnavailableNumbers.Contains(number))
        {
            return DriverErrorKind.NodeUnavailable;
        }

        return sqlState is { Length: 5 } && sqlState.StartsWith("08", StringComparison.Ordinal)
            ? DriverErrorKind.NodeUnavailable
            : DriverErrorKind.NotFailover;
    }
}
