namespace Aurora.Reactive.Topology;

/// <summary>How often a <see cref="TopologyMonitor"/> refreshes.</summary>
internal enum TopologyRefreshMode
{
    /// <summary>The normal, slow rate (<see cref="TopologyMonitorOptions.SlowRefreshInterval"/>).</summary>
    Slow = 0,

    /// <summary>The fast rate used around failures and failovers (<see cref="TopologyMonitorOptions.FastRefreshInterval"/>).</summary>
    Fast = 1,
}
