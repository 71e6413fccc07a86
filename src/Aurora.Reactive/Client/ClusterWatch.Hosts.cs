using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Client;

/// <content>Keeping every host of the topology probed.</content>
internal sealed partial class ClusterWatch
{
    private readonly Dictionary<string, SerialDisposable> _hostWatches = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Holds a standing watch on every host of the snapshot and drops the watches of hosts it no longer lists.</summary>
    private void WatchHostsOf(TopologySnapshot snapshot)
    {
        var hosts = snapshot.Hosts.ToDictionary(h => h.Endpoint, StringComparer.OrdinalIgnoreCase);
        List<SerialDisposable> dropped = [];
        List<(HostSpec Host, SerialDisposable Watch)> added = [];
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var endpoint in _hostWatches.Keys.Where(e => !hosts.ContainsKey(e)).ToArray())
            {
                dropped.Add(_hostWatches[endpoint]);
                _hostWatches.Remove(endpoint);
            }

            foreach (var (endpoint, host) in hosts)
            {
                if (!_hostWatches.ContainsKey(endpoint))
                {
                    var watch = new SerialDisposable();
                    _hostWatches.Add(endpoint, watch);
                    added.Add((host, watch));
                }
            }
        }

        dropped.ForEach(d => d.Dispose());
        added.ForEach(a => Arm(a.Host, a.Watch));
    }

    /// <summary>
    /// Watches the host as a command that started one grace period ago, so that its detection window is
    /// open at once and the shared monitor probes it every interval; after a "dead" verdict, arms again.
    /// </summary>
    private void Arm(HostSpec host, SerialDisposable watch)
    {
        if (watch.IsDisposed)
        {
            return;
        }

        watch.Disposable = Registry.WatchCommand(host, _detection, Registry.Scheduler.Now - _detection.Time).Subscribe(
            _ => watch.Disposable = Registry.Scheduler.Schedule(_detection.Interval, () => Arm(host, watch)),
            error =>
            {
                if (error is not ObjectDisposedException)
                {
                    _onMonitorError($"health of {host.Endpoint}: {error.Message}", error);
                }
            });
    }

    private void DisposeHostWatches()
    {
        SerialDisposable[] watches;
        lock (_gate)
        {
            watches = [.. _hostWatches.Values];
            _hostWatches.Clear();
        }

        foreach (var watch in watches)
        {
            watch.Dispose();
        }
    }
}
