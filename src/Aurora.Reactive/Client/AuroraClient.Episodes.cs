using Aurora.Reactive.Connections;
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
                _telemetry.FailoverStarted(state.Host, state.Error);
                break;
            case LogicalConnectionStatus.Open when _episodeStart is { } start && !_episodeFoundNode && state.Host is { } host && host.Node != _episodeFailedHost?.Node:
                _episodeFoundNode = true;
                _telemetry.ConnectionMoved(host, now - start);
                break;
            case LogicalConnectionStatus.Failed when _episodeStart is not null:
                _telemetry.FailoverFailed(state.Host, state.Error);
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
            _telemetry.FailoverFinished(host, duration);
        }
    }
}
