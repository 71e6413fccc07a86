using System.Reactive.Concurrency;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The watches of one statement that did not complete at once, behind one timer: the stall watch of a writer statement
/// (see <see cref="ITopologyAwareOpener.WatchStatement"/>) and the failure monitor's watch. Most statements end long before
/// either could act, so both start only once the statement has run for <see cref="FailoverCoordinator.StallThreshold"/>:
/// the stall is reported then, and the monitor's watch starts from the statement's real start time, so its warm-up,
/// window and verdict come at the same times as if it had been watching from the start.
/// </summary>
internal sealed class CommandWatch : IDisposable
{
    private static readonly TimeSpan Deferral = FailoverCoordinator.StallThreshold;

    private readonly AuroraConnection _connection;
    private readonly HostSpec _host;
    private readonly DateTimeOffset _startedAt;
    private readonly ITopologyAwareOpener? _stallReport;
    private readonly bool _monitored;
    private IDisposable? _timer;
    private IDisposable? _monitorWatch;
    private bool _disposed;

    private CommandWatch(AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, ITopologyAwareOpener? stallReport, bool monitored)
    {
        _connection = connection;
        _host = host;
        _startedAt = startedAt;
        _stallReport = stallReport;
        _monitored = monitored;
    }

    /// <summary>
    /// Watches a statement of <paramref name="connection"/> on <paramref name="host"/> that started at <paramref name="startedAt"/>
    /// and is still running; <see langword="null"/> when nothing watches it.
    /// </summary>
    public static IDisposable? Start(
        AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, IScheduler scheduler, ITopologyAwareOpener? stallReport, FailureDetectionSettings? detection)
    {
        // A monitor whose first timer is due within twice the deferral watches at once, so that it can still warm its prober up in time.
        var deferMonitor = detection is not null && detection.Time - detection.ProbeTimeout >= Deferral + Deferral;
        var now = detection is not null && !deferMonitor ? connection.WatchCommand(host, startedAt) : null;
        if (stallReport is null && !deferMonitor)
        {
            return now;
        }

        var watch = new CommandWatch(connection, host, startedAt, stallReport, deferMonitor) { _monitorWatch = now };
        var timer = scheduler.Schedule(watch, Deferral, static (_, self) => self.Due());
        lock (watch)
        {
            if (watch._disposed)
            {
                timer.Dispose();
            }
            else
            {
                watch._timer = timer;
            }
        }

        return watch;
    }

    public void Dispose()
    {
        IDisposable? timer, monitorWatch;
        lock (this)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (timer, monitorWatch) = (_timer, _monitorWatch);
            (_timer, _monitorWatch) = (null, null);
        }

        timer?.Dispose();
        monitorWatch?.Dispose();
    }

    private IDisposable Due()
    {
        lock (this)
        {
            if (_disposed)
            {
                return System.Reactive.Disposables.Disposable.Empty;
            }
        }

        _stallReport?.ReportStall(_host);
        if (_monitored)
        {
            var watch = _connection.WatchCommand(_host, _startedAt);
            lock (this)
            {
                if (!_disposed)
                {
                    _monitorWatch = watch;
                    return System.Reactive.Disposables.Disposable.Empty;
                }
            }

            watch.Dispose();
        }

        return System.Reactive.Disposables.Disposable.Empty;
    }
}
