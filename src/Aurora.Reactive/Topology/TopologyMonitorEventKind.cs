namespace Aurora.Reactive.Topology;

/// <summary>What a <see cref="TopologyMonitorEvent"/> reports.</summary>
internal enum TopologyMonitorEventKind
{
    /// <summary>A refresh succeeded; the shape may or may not have changed.</summary>
    Refreshed = 0,

    /// <summary>The topology's shape changed and a new snapshot was emitted.</summary>
    Changed = 1,

    /// <summary>A refresh failed (connect, query, timeout, no writer confirmed); the last good snapshot is kept.</summary>
    Error = 2,

    /// <summary>The refresh rate switched between slow and fast.</summary>
    ModeChanged = 3,

    /// <summary>A topology row was left out of the snapshot (bad instance id, stale, older writer row).</summary>
    RowRejected = 4,

    /// <summary>The monitoring node was lost: every known node is being asked its role.</summary>
    ProbingAllNodes = 5,
}
