using System.Reactive.Disposables;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraDataSource
{
    private readonly CompositeDisposable _topologyWatch = new();
    private TopologyOpenRequest? _openRequest;
    private LogicalConnectionState? _lastOpenState;

    /// <summary>The failover handler when it opens connections where the topology says, otherwise <see langword="null"/>.</summary>
    internal ITopologyAwareOpener? TopologyOpener => Settings.FailoverHandler as ITopologyAwareOpener;

    /// <summary>Whether failure monitoring declared <paramref name="host"/> dead, so that no new connection opens there.</summary>
    internal bool IsDead(HostSpec host) => TopologyOpener?.IsDead(host) == true;

    /// <summary>What every topology-aware open of this data source asks (the same for each, so made once).</summary>
    internal TopologyOpenRequest TopologyOpenRequest => _openRequest ??= new TopologyOpenRequest(
        _connections, Settings.OpenTarget, InitialHost, IsDead,
        error => AuroraConnection.ClassifyForFailover(Driver, Settings, null, error, null) != DriverErrorKind.NotFailover)
    {
        MayOpenInline = !Driver.BlocksInAsyncCalls,
    };

    /// <summary>The open state on <paramref name="host"/>; the last one is kept, since opens land on the same writer.</summary>
    internal LogicalConnectionState OpenStateOn(HostSpec host)
    {
        if (ReferenceEquals(host, InitialHost))
        {
            return OpenOnInitialHostState;
        }

        if (Volatile.Read(ref _lastOpenState) is { } last && ReferenceEquals(last.Host, host))
        {
            return last;
        }

        var state = new LogicalConnectionState(LogicalConnectionStatus.Open, host);
        Volatile.Write(ref _lastOpenState, state);
        return state;
    }

    // Hands failure monitoring's health to the failover handler (its policies skip a node declared dead), and clears the
    // pools of the old writer (and of the endpoint, which may still point at it) when the topology names a new writer, so
    // that idle pooled connections to it are not handed out.
    private void WatchTopology()
    {
        if (Monitors is { } health)
        {
            _topologyWatch.Add(health.Health.Subscribe(Telemetry.HealthChanged));
            _topologyWatch.Add(health.Probes.Subscribe(Telemetry.Probed));
        }

        if (TopologyOpener is { } opener)
        {
            if (Monitors is { } monitors)
            {
                _topologyWatch.Add(opener.FollowHealth(monitors.Health));
            }

            _topologyWatch.Add(opener.FormerWriters.Subscribe(ClearPoolsAfterWriterChange, _ => { }, () => { }));
        }
    }

    private void ClearPoolsAfterWriterChange(HostSpec formerWriter)
    {
        if (IsDisposed)
        {
            return;
        }

        ClearPoolQuietly(formerWriter);
        if (NodeId.At(formerWriter) != NodeId.At(InitialHost))
        {
            ClearPoolQuietly(InitialHost);
        }
    }

    private void ClearPoolQuietly(HostSpec host)
    {
        Task clearing;
        try
        {
            clearing = _connections.ClearPoolAsync(host, CancellationToken.None).AsTask();
        }
        catch (Exception)
        {
            return;
        }

        AuroraConnection.ObserveFault(clearing);
    }
}
