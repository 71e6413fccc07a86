using System.Data;

namespace Aurora.Reactive.MySql;

/// <summary>
/// The MySQL statements that set session state, restored on a new connection after a failover when
/// <c>keep_session_state_on_failover</c> is on, and the statement monitoring probes with.
/// </summary>
public static class MySqlSessionStatements
{
    /// <summary>The probe a monitoring connection runs.</summary>
    public const string Probe = "SELECT 1";

    /// <summary>The statement that makes the session's later transactions read-only or read-write.</summary>
    /// <param name="readOnly"><see langword="true"/> for read-only.</param>
    /// <returns>The SQL statement.</returns>
    public static string ReadOnly(bool readOnly) =>
        readOnly ? "SET SESSION TRANSACTION READ ONLY" : "SET SESSION TRANSACTION READ WRITE";

    /// <summary>The statement that turns autocommit on or off for the session.</summary>
    /// <param name="autocommit"><see langword="true"/> to commit every statement on its own.</param>
    /// <returns>The SQL statement.</returns>
    public static string Autocommit(bool autocommit) =>
        autocommit ? "SET SESSION autocommit = 1" : "SET SESSION autocommit = 0";

    /// <summary>The statement that sets the session's default isolation level.</summary>
    /// <param name="isolationLevel">The isolation level.</param>
    /// <returns>The SQL statement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">MySQL has no such level (<see cref="IsolationLevel.Chaos"/>, <see cref="IsolationLevel.Snapshot"/>).</exception>
    public static string Isolation(IsolationLevel isolationLevel) =>
        "SET SESSION TRANSACTION ISOLATION LEVEL " + isolationLevel switch
        {
            IsolationLevel.ReadUncommitted => "READ UNCOMMITTED",
            IsolationLevel.ReadCommitted => "READ COMMITTED",
            IsolationLevel.RepeatableRead or IsolationLevel.Unspecified => "REPEATABLE READ",
            IsolationLevel.Serializable => "SERIALIZABLE",
            _ => throw new ArgumentOutOfRangeException(nameof(isolationLevel), isolationLevel, $"MySQL has no isolation level {isolationLevel}."),
        };
}
