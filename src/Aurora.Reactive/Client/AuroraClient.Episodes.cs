using Aurora.Reactive.Connections;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <content>
/// Failover episodes as the client's callers live them: an episode starts when a connection loses its
/// node, finds a node when a connection opens on another one, and finishes when the next unit of work completes.
/// </content>
public sealed partial class AuroraClient
{
    private DateTimeOffset? _episodeStart;
    private HostSpec? _episodeFailedHost;
    private bool _episodeFoundNode;

    /// <summary>Called under the stream gate with every connection state.</summary>
    private void TrackEpisode(LogicalConnectionState state)
    {
        var now = _scheduler.Now;
        switch (state.Status)
        {
            case LogicalConnectionStatus.Broken when _episodeStart is null:
                _episodeStart = now;
                _episodeFailedHost = state.Host;
                _episodeFoundNode = false;
                _watch?.RequestFastRefresh();
                ClientLog.FailoverStarted(_logger, state.Host?.ToString() ?? "?", state.Error);
                _events.Publish(new AuroraClientEvent(AuroraClientEventKind.FailoverStarted, now, $"lost {state.Host}") { Host = state.Host, Error = state.Error });
                break;
            case LogicalConnectionStatus.Open when _episodeStart is { } start && !_episodeFoundNode && state.Host is { } host && host.Node != _episodeFailedHost?.Node:
                _episodeFoundNode = true;
                ClientLog.WriterFound(_logger, host.ToString(), (now - start).TotalMilliseconds);
                _events.Publish(new AuroraClientEvent(AuroraClientEventKind.WriterFound, now, $"connected to {host}") { Host = host, Duration = now - start });
                break;
            case LogicalConnectionStatus.Failed when _episodeStart is not null:
                ClientLog.FailoverFailed(_logger, state.Host?.ToString() ?? "?", state.Error);
                AuroraMetrics.RecordFailover(_clusterKey, succeeded: false, duration: null);
                _events.Publish(new AuroraClientEvent(AuroraClientEventKind.FailoverFailed, now, $"no node took over from {state.Host}") { Host = state.Host, Error = state.Error });
                break;
        }
    }

    /// <summary>A unit of work completed: an open episode ends here.</summary>
    private void OnUnitCompleted(HostSpec? host)
    {
        using (_streams.Enter())
        {
            if (_episodeStart is not { } start)
            {
                return;
            }

            var duration = _scheduler.Now - start;
            _episodeStart = null;
            _episodeFailedHost = null;
            ClientLog.FailoverFinished(_logger, duration.TotalMilliseconds);
            AuroraMetrics.RecordFailover(_clusterKey, succeeded: true, duration);
            _events.Publish(new AuroraClientEvent(AuroraClientEventKind.FailoverFinished, _scheduler.Now, $"work completes again on {host?.ToString() ?? "the cluster"}") { Host = host, Duration = duration });
        }
    }
}
