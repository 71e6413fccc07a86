namespace Aurora.Reactive.Topology;

/// <summary>
/// One user's hold on a shared <see cref="TopologyMonitor"/> handed out by a <see cref="TopologyMonitorRegistry"/>.
/// Dispose it when done; the monitor is disposed after the registry's delay once nobody holds it.
/// </summary>
public sealed class TopologyMonitorLease : IDisposable
{
    private readonly Action _release;
    private int _released;

    internal TopologyMonitorLease(string clusterKey, TopologyMonitor monitor, Action release)
    {
        ClusterKey = clusterKey;
        Monitor = monitor;
        _release = release;
    }

    /// <summary>The key of the cluster the monitor watches.</summary>
    public string ClusterKey { get; }

    /// <summary>The shared monitor. Do not dispose it directly; dispose the lease.</summary>
    public TopologyMonitor Monitor { get; }

    /// <summary>Releases this hold; calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _release();
        }
    }
}
