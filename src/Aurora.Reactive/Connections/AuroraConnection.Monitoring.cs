using System.Reactive.Disposables;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

/// <content>
/// Enhanced failure monitoring of the connection's commands: each command that does not complete at once
/// is watched by the shared monitor of its host; a verdict releases the caller through the host-loss path.
/// </content>
public sealed partial class AuroraConnection
{
    /// <summary>Whether the commands of this connection are watched by enhanced failure monitoring.</summary>
    public bool IsMonitored => _dataSource.Monitors is not null;

    /// <summary>Whether neither failover nor monitoring is on: commands go straight to the driver.</summary>
    internal bool IsPassThrough => _handler is null && _dataSource.Monitors is null;

    /// <summary>Now, on the monitors' clock: the start of a command, read before the command is sent.</summary>
    internal DateTimeOffset CommandStartTime() => _dataSource.Monitors is { } monitors ? monitors.Scheduler.Now : default;

    /// <summary>
    /// Starts watching a command that started at <paramref name="startedAt"/> on the current host; dispose the
    /// result when the command (or its reader) ends. Nothing is watched when monitoring is off.
    /// </summary>
    internal IDisposable WatchCommand(DateTimeOffset startedAt)
    {
        if (_dataSource.Monitors is not { } monitors || _host is not { } host || Settings.HostMonitoring is not { } monitoring)
        {
            return Disposable.Empty;
        }

        var detection = monitoring.Detection;
        return monitors.WatchCommand(host, detection, startedAt).Subscribe(
            verdict => OnHostDeclaredDead(verdict, detection),
            static _ => { }); // The registry was disposed with the data source: nothing is watched any more.
    }

    private void OnHostDeclaredDead(HostDeclaredDead verdict, FailureDetectionSettings detection)
    {
        var detail = verdict.FromSharedHealth ? "shared health already unhealthy" : $"{verdict.FailedProbes} failed probes";
        LogMessages.HostDeclaredDead(_dataSource.Logger, verdict.Host.Endpoint, (long)verdict.SinceCommandStart.TotalMilliseconds, detail, _handler is not null);
        ReportHostLost(verdict.Host, new HostUnavailableException(verdict, detection, verdict.LastProbeError));
    }

    /// <summary>
    /// Without failover: the node was declared dead, so the command is abandoned, the physical connection is
    /// closed in the background (a driver close on a frozen host can take a minute), and the connection is broken.
    /// Returns the error to throw.
    /// </summary>
    private Exception BreakAfterLoss(Exception error)
    {
        var failedHost = _host ?? _dataSource.InitialHost;
        var cause = error is HostLostException lost ? lost.Reason : error;
        var old = _physical;
        _physical = null;
        ResetHostLoss();
        _transaction?.MarkLost();
        _transaction = null;
        if (old is not null)
        {
            DisposeInBackground(old);
        }

        SetState(LogicalConnectionStatus.Failed, failedHost, cause);
        return cause;
    }
}
