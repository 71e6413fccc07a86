using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The nodes failure monitoring declared dead, as the failover policies (<see cref="ClusterSignals.Health"/>) and the
/// topology-aware open see them. A verdict (an <see cref="HostHealthStatus.Unhealthy"/> health) stands until a probe
/// answers the node again (<see cref="HostHealthStatus.Healthy"/>) or until the topology monitor hears from the node
/// after the verdict (a topology read it answered). Monitoring probes a node only while a command runs on it, so
/// without the second rule a verdict on a node no command uses any more would never be revised.
/// </summary>
internal sealed class HostVerdicts : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<NodeId, HostHealth> _dead = [];
    private readonly Outbox _outbox;
    private readonly Broadcast<HostHealth> _changes;
    private readonly CompositeDisposable _sources = new();
    private bool _disposed;

    /// <summary>Creates an empty set of verdicts.</summary>
    /// <param name="onSubscriberError">Logs an exception a subscriber of <see cref="Changes"/> threw (it is then unsubscribed and the verdicts carry on).</param>
    public HostVerdicts(Action<Exception> onSubscriberError)
    {
        ArgumentNullException.ThrowIfNull(onSubscriberError);
        _outbox = new Outbox(_gate, onSubscriberError);
        _changes = new Broadcast<HostHealth>(_outbox, onSubscriberError);
    }

    /// <summary>
    /// The verdicts standing at subscription, then each change: an <see cref="HostHealthStatus.Unhealthy"/> health when
    /// a node is declared dead, a <see cref="HostHealthStatus.Healthy"/> one when its verdict is cleared (timed at the
    /// answered probe, or at the topology read the node answered). Completes on dispose.
    /// </summary>
    public IObservable<HostHealth> Changes => Observable.Create<HostHealth>(observer => _changes.Subscribe(observer, () => _dead.Values));

    /// <summary>Whether a verdict stands on <paramref name="host"/>'s node (<see cref="NodeId.Same"/>).</summary>
    public bool IsDead(HostSpec host)
    {
        // A loop, not a lambda: a closure over host would be made on every call (every open asks), verdicts or not.
        lock (_gate)
        {
            foreach (var verdict in _dead.Values)
            {
                if (NodeId.Same(verdict.Host, host))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Takes verdicts and recoveries from <paramref name="health"/> (failure monitoring's probes), until disposed.</summary>
    public IDisposable Follow(IObservable<HostHealth> health) => Track(health.Subscribe(OnHealth, _ => { }, () => { }));

    /// <summary>Clears the verdict on each node a successful topology read of <paramref name="events"/> was answered by.</summary>
    public IDisposable Follow(IObservable<TopologyMonitorEvent> events) => Track(events
        .Where(e => e.Kind == TopologyMonitorEventKind.Refreshed && e.Host is not null)
        .Subscribe(e => OnHeardFrom(e.Host!, e.Time), _ => { }, () => { }));

    public void OnHealth(HostHealth health)
    {
        using (_outbox.Enter())
        {
            if (_disposed)
            {
                return;
            }

            var key = health.Host.Node;
            if (health.Status == HostHealthStatus.Unhealthy)
            {
                var isNew = !_dead.ContainsKey(key);
                _dead[key] = health;
                if (isNew)
                {
                    _changes.Publish(health);
                }
            }
            else if (health.Status == HostHealthStatus.Healthy)
            {
                var cleared = _dead.Where(d => NodeId.Same(d.Value.Host, health.Host)).Select(d => d.Key).ToList();
                cleared.ForEach(node => _dead.Remove(node));
                if (cleared.Count > 0)
                {
                    _changes.Publish(health);
                }
            }
        }
    }

    public void OnHeardFrom(HostSpec node, DateTimeOffset at)
    {
        using (_outbox.Enter())
        {
            if (_disposed)
            {
                return;
            }

            foreach (var (key, verdict) in _dead.Where(d => d.Value.Time < at && NodeId.Same(d.Value.Host, node)).ToList())
            {
                _dead.Remove(key);
                _changes.Publish(new HostHealth(verdict.Host, HostHealthStatus.Healthy, 0, null, at));
            }
        }
    }

    /// <summary>Stops following its sources and completes <see cref="Changes"/>.</summary>
    public void Dispose()
    {
        using (_outbox.Enter())
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _dead.Clear();
            _changes.Complete();
        }

        _sources.Dispose();
    }

    private IDisposable Track(IDisposable subscription)
    {
        _sources.Add(subscription);
        return Disposable.Create(() => _sources.Remove(subscription));
    }
}
