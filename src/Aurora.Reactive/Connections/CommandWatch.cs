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
/// <para>
/// A watch serves one statement at a time, from <see cref="Begin"/> to <see cref="End"/>, and may serve another after: a
/// <see cref="LossRace"/> keeps one, so a statement racing a loss report allocates no watch. Each use has its number; the
/// clock's entry of an ended use, and a due call that meets a later use, do nothing.
/// </para>
/// </summary>
internal sealed class CommandWatch : IDisposable
{
    /// <summary>How long a statement runs before its watches start: the stall threshold.</summary>
    public static readonly TimeSpan Deferral = FailoverCoordinator.StallThreshold;

    private AuroraConnection? _connection; // let go at the end: the watch may wait in the clock's queue for a while
    private HostSpec? _host;
    private long _startedAtUtcTicks;
    private ITopologyAwareOpener? _stallReport;
    private bool _monitored;
    private IDisposable? _monitorWatch;
    private int _use; // odd while a statement is watched; changed by every Begin and End
    private bool _disposed;

    /// <summary>
    /// Watches a statement of <paramref name="connection"/> on <paramref name="host"/> that started at <paramref name="startedAt"/>
    /// and is still running, due on <paramref name="clock"/> one <see cref="Deferral"/> from now: in <paramref name="into"/> (a
    /// reused watch, then returned) or a new one; without <paramref name="into"/>, <see langword="null"/> when nothing watches it,
    /// or the failure monitor's own watch when that is all that does.
    /// </summary>
    public static IDisposable? Start(
        CommandWatch? into, AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, StallClock clock, ITopologyAwareOpener? stallReport, FailureDetectionSettings? detection)
    {
        // A monitor whose first timer is due within twice the deferral watches at once, so that it can still warm its prober up in time.
        var deferMonitor = detection is not null && detection.Time - detection.ProbeTimeout >= Deferral + Deferral;
        var now = detection is not null && !deferMonitor ? connection.WatchCommand(host, startedAt) : null;
        var timed = stallReport is not null || deferMonitor;
        if (into is null && !timed)
        {
            return now;
        }

        var watch = into ?? new CommandWatch();
        var use = watch.Begin(connection, host, startedAt, timed ? stallReport : null, deferMonitor, now);
        if (timed)
        {
            clock.Add(watch, use);
        }

        return watch;
    }

    /// <summary>Whether use <paramref name="use"/> ended (the statement ended, or the watch serves another one now).</summary>
    public bool IsEnded(int use) => Volatile.Read(ref _use) != use;

    /// <summary>The statement ended: stops watching it (the failure monitor's watch with it). Nothing when none is watched.</summary>
    public void End()
    {
        IDisposable? monitorWatch;
        lock (this)
        {
            if ((_use & 1) == 0)
            {
                return;
            }

            Volatile.Write(ref _use, _use + 1);
            monitorWatch = _monitorWatch;
            (_monitorWatch, _connection, _host, _stallReport) = (null, null, null, null);
        }

        monitorWatch?.Dispose();
    }

    /// <summary>Ends the watch of a statement it was made for (<see cref="Start"/> without a watch to reuse).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            End();
        }
    }

    /// <summary>The statement of use <paramref name="use"/> has run for the <see cref="Deferral"/>: reports the stall and starts the failure monitor's watch, unless it ended.</summary>
    public void Due(int use)
    {
        AuroraConnection connection;
        HostSpec host;
        ITopologyAwareOpener? stallReport;
        long startedAt;
        bool monitored;
        lock (this)
        {
            if (_use != use)
            {
                return;
            }

            (connection, host, stallReport, startedAt, monitored) = (_connection!, _host!, _stallReport, _startedAtUtcTicks, _monitored);
        }

        stallReport?.ReportStall(host);
        if (monitored)
        {
            var watch = connection.WatchCommand(host, new DateTimeOffset(startedAt, TimeSpan.Zero));
            lock (this)
            {
                if (_use == use)
                {
                    _monitorWatch = watch;
                    return;
                }
            }

            watch.Dispose();
        }
    }

    private int Begin(AuroraConnection connection, HostSpec host, DateTimeOffset startedAt, ITopologyAwareOpener? stallReport, bool monitored, IDisposable? monitorWatch)
    {
        lock (this)
        {
            if ((_use & 1) == 1)
            {
                throw new InvalidOperationException("The watch already watches a statement.");
            }

            (_connection, _host, _startedAtUtcTicks, _stallReport, _monitored, _monitorWatch) = (connection, host, startedAt.UtcTicks, stallReport, monitored, monitorWatch);
            Volatile.Write(ref _use, _use + 1);
            return _use;
        }
    }
}
