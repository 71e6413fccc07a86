using System.Reactive.Disposables;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

/// <content>
/// Enhanced failure monitoring of the connection's commands: each command that does not complete at once
/// is watched by the shared monitor of its host; a verdict releases the caller through the host-loss path.
/// </content>
public sealed partial class AuroraConnection
{
    private VerdictObserver? _verdictObserver;

    /// <summary>Whether the commands of this connection are watched by enhanced failure monitoring.</summary>
    public bool IsMonitored => _dataSource.Monitors is not null;

    /// <summary>Whether neither failover nor monitoring is on: commands go straight to the driver.</summary>
    internal bool IsPassThrough => Handler is null && _dataSource.Monitors is null;

    /// <summary>Now, on the monitors' clock: the start of a command, read before the command is sent.</summary>
    internal DateTimeOffset CommandStartTime() => _dataSource.Monitors is { } monitors ? monitors.Scheduler.Now : default;

    /// <summary>
    /// Starts watching a command that started at <paramref name="startedAt"/> on the current host; dispose the
    /// result when the command (or its reader) ends. Nothing is watched when monitoring is off.
    /// </summary>
    internal IDisposable WatchCommand(DateTimeOffset startedAt) => _machine.Host is { } host ? WatchCommand(host, startedAt) : Disposable.Empty;

    /// <summary>
    /// Starts watching a statement on the current host that started at <paramref name="startedAt"/> and did not complete at
    /// once, for a stall and by failure monitoring (see <see cref="CommandWatch"/>); <see langword="null"/> when nothing watches it.
    /// </summary>
    internal IDisposable? WatchRunning(DateTimeOffset startedAt) => WatchRunning(startedAt, into: null);

    /// <summary>As <see cref="WatchRunning(DateTimeOffset)"/>, in the reused watch <paramref name="into"/> when given (a <see cref="LossRace"/>'s).</summary>
    internal IDisposable? WatchRunning(DateTimeOffset startedAt, CommandWatch? into)
    {
        if (_machine.Host is not { } host)
        {
            return null;
        }

        var stallReport = host.Role == HostRole.Writer ? _dataSource.TopologyOpener : null;
        var detection = _dataSource.Monitors is not null ? Settings.HostMonitoring?.Detection : null;
        return stallReport is null && detection is null ? null : CommandWatch.Start(into, this, host, startedAt, _dataSource.StallClock, stallReport, detection);
    }

    /// <summary>Starts watching a command on <paramref name="host"/> by failure monitoring; see <see cref="WatchCommand(DateTimeOffset)"/>.</summary>
    internal IDisposable WatchCommand(HostSpec host, DateTimeOffset startedAt)
    {
        if (_dataSource.Monitors is not { } monitors || Settings.HostMonitoring is not { } monitoring)
        {
            return Disposable.Empty;
        }

        try
        {
            return monitors.Watch(host, monitoring.Detection, startedAt, _verdictObserver ??= new VerdictObserver(this));
        }
        catch (ObjectDisposedException)
        {
            return Disposable.Empty; // The data source was disposed: nothing is watched any more.
        }
#pragma warning disable CA1031 // A monitor that cannot be created (a failing prober factory) must not fail the command.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _dataSource.Telemetry.CommandNotWatched(host, error);
            return Disposable.Empty;
        }
    }

    private void OnHostDeclaredDead(HostDeclaredDead verdict)
    {
        var detection = Settings.HostMonitoring?.Detection ?? FailureDetectionSettings.Default;
        _dataSource.Telemetry.HostDeclaredDead(verdict, Handler is not null);
        ReportHostLost(verdict.Host, new HostUnavailableException(verdict, detection, verdict.LastProbeError));
    }

    /// <summary>Receives the verdicts of this connection's commands; one per connection, so a watch allocates no delegate.</summary>
    private sealed class VerdictObserver(AuroraConnection connection) : IObserver<HostDeclaredDead>
    {
        public void OnNext(HostDeclaredDead value) => connection.OnHostDeclaredDead(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
