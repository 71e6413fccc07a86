namespace Aurora.Reactive.Topology;

/// <summary>
/// One user's hold on a shared <see cref="TopologyMonitor"/> handed out by a <see cref="TopologyMonitorRegistry"/>.
/// Dispose it when its owner is disposed: the last lease disposed stops the monitor at once. Release it instead
/// when only a use ended and a user may come back soon: the last lease released keeps the monitor for the
/// registry's disposal delay.
/// </summary>
internal sealed class TopologyMonitorLease : IDisposable
{
    private readonly Action<bool> _release;
    private int _released;

    internal TopologyMonitorLease(string clusterKey, TopologyMonitor monitor, Action<bool> release)
    {
        ClusterKey = clusterKey;
        Monitor = monitor;
        _release = release;
    }

    /// <summary>The key of the cluster the monitor watches.</summary>
    public string ClusterKey { get; }

    /// <summary>The shared monitor. Do not dispose it directly; dispose the lease.</summary>
    public TopologyMonitor Monitor { get; }

    /// <summary>
    /// Ends this hold for good: when no other lease holds the monitor, it is disposed now (polling stops, its
    /// connections close). Calling it, or <see cref="Release"/>, again does nothing.
    /// </summary>
    public void Dispose() => End(linger: false);

    /// <summary>
    /// Ends this hold but keeps the monitor warm: when no other lease holds it, it lives on for the registry's
    /// disposal delay, and a lease taken before then gets it as it is. Calling it, or <see cref="Dispose"/>,
    /// again does nothing.
    /// </summary>
    public void Release() => End(linger: true);

    private void End(bool linger)
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _release(linger);
        }
    }
}
