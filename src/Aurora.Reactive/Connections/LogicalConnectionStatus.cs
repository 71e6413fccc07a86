namespace Aurora.Reactive.Connections;

/// <summary>Where a logical connection is in its life.</summary>
internal enum LogicalConnectionStatus
{
    /// <summary>Not open: never opened, or closed by the caller.</summary>
    Closed = 0,

    /// <summary>Opening its first physical connection.</summary>
    Opening = 1,

    /// <summary>Open on a node.</summary>
    Open = 2,

    /// <summary>The physical connection failed with an error that starts a failover.</summary>
    Broken = 3,

    /// <summary>Looking for another node to continue on.</summary>
    FailingOver = 4,

    /// <summary>
    /// No node could take over (or, without failover, monitoring declared the node dead); the connection is
    /// unusable until closed and opened again. Reported to ADO.NET as <see cref="System.Data.ConnectionState.Broken"/>.
    /// </summary>
    Failed = 5,
}
