using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.Npgsql;

/// <summary>
/// The PostgreSQL SQLSTATE rules that decide failover for Npgsql errors:
/// classes 08 (connection exception), 53 (insufficient resources), 58 (system error), XX (internal
/// error) and the shutdown codes 57P01, 57P02, 57P03 mean the node is unavailable; 25006 (read-only
/// SQL transaction) means the node is read-only. Everything else is not a failover.
/// </summary>
internal static class PostgresSqlStates
{
    /// <summary>The SQLSTATE of a write refused by a read-only node.</summary>
    public const string ReadOnlySqlTransaction = "25006";

    /// <summary>Classifies a PostgreSQL SQLSTATE.</summary>
    /// <param name="sqlState">The five-character SQLSTATE, or <see langword="null"/> when the error carried none.</param>
    /// <returns>What the SQLSTATE means for failover; <see cref="DriverErrorKind.NotFailover"/> for <see langword="null"/> or unknown codes.</returns>
    public static DriverErrorKind Classify(string? sqlState)
    {
        if (sqlState is null || sqlState.Length != 5)
        {
            return DriverErrorKind.NotFailover;
        }

        if (sqlState == ReadOnlySqlTransaction)
        {
            return DriverErrorKind.ReadOnlyNode;
        }

        var sqlClass = sqlState.AsSpan(0, 2);
        if (sqlClass is "08" or "53" or "58" or "XX" || sqlState is "57P01" or "57P02" or "57P03")
        {
            return DriverErrorKind.NodeUnavailable;
        }

        return DriverErrorKind.NotFailover;
    }
}
