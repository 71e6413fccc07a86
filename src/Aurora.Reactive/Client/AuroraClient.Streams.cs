using System.Reactive.Disposables;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Diagnostics;
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
    private readonly Broadcast<AuroraClientEvent> _events;
    private readonly CompositeDisposable _clusterSubscriptions = new();

    private void PublishState(LogicalConnectionState state)
    {
        using (_streams.Enter())
        {
            _states.Publish(state);
            TrackEpisode(state);
        }
    }

    private void Publish(AuroraClientEvent clientEvent)
    {
        using (_streams.Enter())
        {
            _events.Publish(clientEvent);
        }
    }

    private void OnSubscriberError(Exception error) => ClientLog.SubscriberFailed(_logger, error);

    internal void ReportMonitorError(string description, Exception? error)
    {
        ClientLog.MonitorError(_logger, description, error);
        Publish(new AuroraClientEvent(AuroraClientEventKind.MonitorError, _scheduler.Now, description) { Error = error });
    }

    private void WatchCluster(ClusterWatch watch)
    {
        _clusterSubscriptions.Add(watch.WriterChanges.Subscribe(OnWriterChange));
        _clusterSubscriptions.Add(watch.Registry.Health.Subscribe(h => AuroraMetrics.RecordHealth(_id, _clusterKey, h)));
        _clusterSubscriptions.Add(watch.Registry.Probes.Subscribe(AuroraMetrics.RecordProbe));
    }

    private void OnWriterChange(WriterChange change)
    {
        ClientLog.WriterChanged(_logger, change.Former.ToString(), change.Current.ToString());
        Publish(new AuroraClientEvent(AuroraClientEventKind.WriterChanged, _scheduler.Now, $"topology writer changed from {change.Former} to {change.Current}") { Host = change.Current });
    }
}
