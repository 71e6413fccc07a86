namespace Aurora.Reactive.Client;

/// <summary>What an <see cref="AuroraClientEvent"/> reports.</summary>
public enum AuroraClientEventKind
{
    /// <summary>A connection of the client lost its node and started a failover.</summary>
    FailoverStarted = 0,

    /// <summary>During a failover, a connection of the client opened on a new node (verified in its role).</summary>
    WriterFound = 1,

    /// <summary>The first unit of work completed after a failover started: <see cref="AuroraClientEvent.Duration"/> is the downtime callers saw.</summary>
    FailoverFinished = 2,

    /// <summary>A failover found no node; the client keeps trying within its failover timeout.</summary>
    FailoverFailed = 3,

    /// <summary>A unit of work was interrupted and runs again.</summary>
    UnitRerun = 4,

    /// <summary>The outcome of a transaction whose COMMIT was in flight was asked of the new writer.</summary>
    CommitOutcomeResolved = 5,

    /// <summary>The topology shows another writer than before.</summary>
    WriterChanged = 6,

    /// <summary>A monitor (topology or host health) ran into an error; it carries on.</summary>
    MonitorError = 7,

    /// <summary>Enhanced failure monitoring declared the node of a running command dead and released the command (<see cref="AuroraClientEvent.Host"/>).</summary>
    HostDeclaredDead = 8,
}
