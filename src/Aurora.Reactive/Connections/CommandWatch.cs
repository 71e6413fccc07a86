using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

/// <summary>
/// The watches of one statement that did not complete at once, behind the data source's one timer (its
/// <see cref="StallClock"/>): the stall watch of a writer statement (see <see cref="ITopologyAwareOpener.WatchStatement"/>)
/// and the failure monitor's watch. Most statements end long before
/// either could act, so both start only once the statement has run for <see cref="FailoverCoordinator.StallThreshold"/>:
/// the stall is reported then, and the monitor's watch starts from the statement's real start time, so its warm-up,
/// window and verdict come at the same times as if it had been watching from the start.
/// </summary>
internal sealed class CommandWatch : IDisposable
{
    /// <summary>How long a statement runs before its watches start: the stall threshold.</summary>
    public static readonly TimeSpan Deferral = FailoverCoordinator.StallThreshold;

    private readonly long _startedAtUtcTicks; // not a DateTimeOffset, half its size: there is one watch per statement still running
    private readonly ITopologyAwareOpener? _stallReport;
    private readonly bool _monitored;
    private AuroraConnection? _connection; // let go at the dispose: the watch may wait in the clock's queue for a while
    private HostSpec? _host;
    private IDisposable? _monitorWatch;
    private bool _disposed;

    private CommandWatch(AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, ITopologyAwareOpener? stallReport, bool monitored)
    {
        _connection = connection;
        _host = host;
        _startedAtUtcTicks = startedAt.UtcTicks;
        _stallReport = stallReport;
        _monitored = monitored;
    }

    /// <summary>
    /// Watches a statement of <paramref name="connection"/> on <paramref name="host"/> that started at <paramref name="startedAt"/>
    /// and is still running, due on <paramref name="clock"/> one <see cref="Deferral"/> from now; <see langword="null"/> when
    /// nothing watches it.
    /// </summary>
    public static IDisposable? Start(
        AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, StallClock clock, ITopologyAwareOpener? stallReport, FailureDetectionSettings? detection)
    {
        // A monitor whose first timer is due within twice the deferral watches at once, so that it can still warm its prober up in time.
        var deferMonitor = detection is not null && detection.Time - detection.ProbeTimeout >= Deferral + Deferral;
        var now = detection is not null && !deferMonitor ? connection.WatchCommand(host, startedAt) : null;
        if (stallReport is null && !deferMonitor)
        {
            return now;
        }

        var watch = new CommandWatch(connection, host, startedAt, stallReport, deferMonitor) { _monitorWatch = now };
        clock.Add(watch);
        return watch;
    }

    /// <summary>Whether the statement ended (the watch was disposed).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed);

    public void Dispose()
    {
        IDisposable? monitorWatch;
        lock (this)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            monitorWatch = _monitorWatch;
            (_monitorWatch, _connection, _host) = (null, null, null);
        }

        monitorWatch?.Dispose();
    }

    /// <summary>The statement has run for the <see cref="Deferral"/>: reports the stall and starts the failure monitor's watch, unless it ended.</summary>
    public void Due()
    {
        AuroraConnection connection;
        HostSpec host;
        lock (this)
        {
            if (_disposed)
            {
                return;
            }

            (connection, host) = (_connection!, _host!);
        }

        _stallReport?.ReportStall(host);
        if (_monitored)
        {
            var watch = connection.WatchCommand(host, new DateTimeOffset(_startedAtUtcTicks, TimeSpan.Zero));
            lock (this)
            {
                if (!_disposed)
                {
                    _monitorWatch = watch;
                    return;
                }
            }

            watch.Dispose();
        }
    }
}
