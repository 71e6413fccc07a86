using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Hands out one <see cref="TopologyMonitor"/> per cluster, keyed by a cluster key the caller derives from
/// the cluster's identity (there is no default key, so two clusters can never share a monitor by accident).
/// Every lease is one user. A lease released while others hold the monitor changes nothing. When the last
/// lease goes, how it went decides: <see cref="TopologyMonitorLease.Dispose"/> (its owner, a data source or
/// client, was disposed) stops the monitor at once, closing its connections;
/// <see cref="TopologyMonitorLease.Release"/> (a use ended, the owner may come back) keeps it for
/// <c>disposalDelay</c> on the scheduler, and taking it again before then keeps it warm.
/// </summary>
internal sealed class TopologyMonitorRegistry : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _disposalDelay;
    private bool _disposed;

    /// <summary>Creates a registry.</summary>
    /// <param name="scheduler">Scheduler for the disposal delay.</param>
    /// <param name="disposalDelay">How long a monitor whose last lease was released with <see cref="TopologyMonitorLease.Release"/>
    /// lives on (<c>topology_monitor_disposal_time_ms</c>); zero disposes it on the scheduler's next turn.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scheduler"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="disposalDelay"/> is negative.</exception>
    public TopologyMonitorRegistry(IScheduler scheduler, TimeSpan disposalDelay)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (disposalDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(disposalDelay), disposalDelay, $"disposalDelay must not be negative; got {disposalDelay}.");
        }

        _scheduler = scheduler;
        _disposalDelay = disposalDelay;
    }

    /// <summary>The number of monitors alive (held, or released and waiting for their disposal delay).</summary>
    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>Takes a hold on the cluster's monitor, creating it with <paramref name="createMonitor"/> when there is none.</summary>
    /// <param name="clusterKey">The cluster's identity, e.g. its cluster endpoint or configured host list.</param>
    /// <param name="createMonitor">Creates the monitor; called at most once per live monitor.</param>
    /// <returns>A lease to dispose when done.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterKey"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="createMonitor"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The registry is disposed.</exception>
    public TopologyMonitorLease Acquire(string clusterKey, Func<TopologyMonitor> createMonitor)
    {
        if (string.IsNullOrWhiteSpace(clusterKey))
        {
            throw new ArgumentException($"clusterKey must name the cluster; got '{clusterKey}'.", nameof(clusterKey));
        }

        ArgumentNullException.ThrowIfNull(createMonitor);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(clusterKey, out var entry))
            {
                entry = new Entry(createMonitor());
                _entries.Add(clusterKey, entry);
            }

            entry.PendingDisposal.Disposable = Disposable.Empty;
            entry.Holders++;
            return new TopologyMonitorLease(clusterKey, entry.Monitor, linger => Release(clusterKey, entry, linger));
        }
    }

    /// <summary>Disposes every monitor at once, held or not.</summary>
    public void Dispose()
    {
        List<Entry> entries;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            entries = [.. _entries.Values];
            _entries.Clear();
        }

        foreach (var entry in entries)
        {
            entry.PendingDisposal.Dispose();
            entry.Monitor.Dispose();
        }
    }

    /// <remarks>
    /// The last user decides: lingering schedules the disposal after the delay; otherwise the monitor is removed
    /// and disposed now, outside the lock (its completion closes its connection pool).
    /// </remarks>
    private void Release(string clusterKey, Entry entry, bool linger)
    {
        lock (_gate)
        {
            if (_disposed || --entry.Holders > 0)
            {
                return;
            }

            if (linger)
            {
                entry.PendingDisposal.Disposable = _scheduler.Schedule(_disposalDelay, () => DisposeIfUnused(clusterKey, entry));
                return;
            }

            if (!TryRemoveLocked(clusterKey, entry))
            {
                return;
            }
        }

        entry.PendingDisposal.Dispose();
        entry.Monitor.Dispose();
    }

    private void DisposeIfUnused(string clusterKey, Entry entry)
    {
        lock (_gate)
        {
            if (entry.Holders > 0 || !TryRemoveLocked(clusterKey, entry))
            {
                return;
            }
        }

        entry.Monitor.Dispose();
    }

    private bool TryRemoveLocked(string clusterKey, Entry entry)
    {
        if (!_entries.TryGetValue(clusterKey, out var current) || current != entry)
        {
            return false;
        }

        _entries.Remove(clusterKey);
        return true;
    }

    private sealed class Entry(TopologyMonitor monitor)
    {
        public TopologyMonitor Monitor { get; } = monitor;

        public SerialDisposable PendingDisposal { get; } = new();

        public int Holders { get; set; }
    }
}
