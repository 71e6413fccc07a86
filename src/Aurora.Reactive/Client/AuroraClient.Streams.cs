using System.Reactive.Disposables;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Client;

/// <content>The client's own streams, and what it takes from the cluster's.</content>
public sealed partial class AuroraClient
{
    private readonly object _streamGate = new();
    private readonly Outbox _streams;
    private readonly Broadcast<LogicalConnectionState> _states;
    private readonly CompositeDisposable _clusterSubscriptions = new();

    private void PublishState(LogicalConnectionState state)
    {
        using (_streams.Enter())
        {
            _states.Publish(state);
            TrackEpisode(state);
        }
    }

    private void OnSubscriberError(Exception error) => _telemetry.SubscriberFailed(error);

    internal void ReportMonitorError(string description, Exception? error) => _telemetry.MonitorError(description, error);

    private void WatchCluster(ClusterWatch watch)
    {
        _clusterSubscriptions.Add(watch.WriterChanges.Subscribe(OnWriterChange));
        if (watch.OwnsRegistry)
        {
            // The data source reports the health and probes of its own monitors.
            _clusterSubscriptions.Add(watch.Registry.Health.Subscribe(_telemetry.HealthChanged));
            _clusterSubscriptions.Add(watch.Registry.Probes.Subscribe(_telemetry.Probed));
        }
    }

    private void OnWriterChange(WriterChange change)
    {
        _telemetry.WriterChanged(change.Former, change.Current);
    }
}
