namespace Aurora.Reactive.Drivers;

/// <summary>What a driver error means for failover.</summary>
public enum DriverErrorKind
{
    /// <summary>
    /// An ordinary error (a constraint violation, a syntax error, a serialization failure, a caller's
    /// cancellation): the node is fine, and the error reaches the caller as the driver raised it.
    /// </summary>
    NotFailover = 0,

    /// <summary>
    /// The node is gone or cannot serve: a network, I/O or timeout error, or a server error that means
    /// the connection or the server is failing (SQLSTATE classes 08, 53, 58, XX and shutdowns 57P01-57P03).
    /// Starts a failover.
    /// </summary>
    NodeUnavailable = 1,

    /// <summary>
    /// The node refused a write because it is read-only (PostgreSQL 25006). On a node believed to be the
    /// writer this means it was demoted, and in strict-writer mode it starts a failover.
    /// </summary>
    ReadOnlyNode = 2,
}
