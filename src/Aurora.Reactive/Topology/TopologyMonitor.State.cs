using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>Accepting snapshots, choosing the refresh mode and scheduling the next refresh.</summary>
internal sealed partial class TopologyMonitor
{
    private void Accept(TopologySnapshot snapshot)
    {
        _current = snapshot;
        Report(TopologyMonitorEventKind.Refreshed, $"Read {snapshot}.", snapshot.ReadFrom, snapshot: snapshot);
        if (_emitted is not null && snapshot.HasSameShape(_emitted))
        {
            return;
        }

        var previous = _emitted;
        _emitted = snapshot;
        _snapshots.Publish(snapshot);
        Report(TopologyMonitorEventKind.Changed, $"Topology changed: {snapshot}.", snapshot.ReadFrom, snapshot: snapshot);
        var change = TrackWriter(snapshot);
        if (change is not null)
        {
            _writerChanges.Publish(change);
        }

        // Stay fast after a writer change, or the writer becoming known or unknown (or while fast), and start fast when
        // the first read knows no writer.
        var writerMoved = change is not null || (previous is not null && previous.IsWriterKnown != snapshot.IsWriterKnown);
        if (writerMoved || _mode == TopologyRefreshMode.Fast || (previous is null && !snapshot.IsWriterKnown))
        {
            ExtendFastMode();
        }
    }

    private void ExtendFastMode()
    {
        var until = _scheduler.Now + _options.FastModeLinger;
        if (until > _fastUntil)
        {
            _fastUntil = until;
        }

        UpdateMode();
    }

    // Fast while now is strictly before the end of the window: at the very end it is slow again.
    private void UpdateMode()
    {
        var mode = _scheduler.Now < _fastUntil ? TopologyRefreshMode.Fast : TopologyRefreshMode.Slow;
        if (mode != _mode)
        {
            _mode = mode;
            Report(TopologyMonitorEventKind.ModeChanged, mode == TopologyRefreshMode.Fast
                ? $"Fast refresh every {_options.FastRefreshInterval.TotalMilliseconds:0} ms until {_fastUntil:O}."
                : $"Slow refresh every {_options.SlowRefreshInterval.TotalSeconds:0.###} s.", mode: mode);
        }
    }

    private void ScheduleNext(bool failed)
    {
        UpdateMode();
        var delay = NextDelay(failed);
        _timer.Disposable = _scheduler.Schedule(delay, Tick);
    }

    // After consecutive failures the delay doubles from the fast interval up to MaxErrorBackoff, never
    // longer than the current mode's interval, so a fast mode keeps its pace while a failover is on.
    private TimeSpan NextDelay(bool failed)
    {
        var interval = _mode == TopologyRefreshMode.Fast ? _options.FastRefreshInterval : _options.SlowRefreshInterval;
        if (!failed)
        {
            return interval;
        }

        var exponent = Math.Min(_failures - 1, 30);
        var backoffTicks = Math.Min((double)_options.FastRefreshInterval.Ticks * Math.Pow(2, exponent), _options.MaxErrorBackoff.Ticks);
        var backoff = TimeSpan.FromTicks((long)backoffTicks);
        return backoff < interval ? backoff : interval;
    }

    private WriterChange? TrackWriter(TopologySnapshot snapshot)
    {
        if (snapshot.Writer is not { } writer)
        {
            return null;
        }

        var former = _lastWriter;
        _lastWriter = writer;
        return former is not null && former.Node != writer.Node ? new WriterChange(former, writer, snapshot) : null;
    }

    private void Report(
        TopologyMonitorEventKind kind,
        string message,
        HostSpec? host = null,
        Exception? error = null,
        TopologySnapshot? snapshot = null,
        TopologyRefreshMode? mode = null)
    {
        if (_disposed)
        {
            return;
        }

        var monitorEvent = new TopologyMonitorEvent(kind, _scheduler.Now, message) { Host = host, Error = error, Snapshot = snapshot, Mode = mode };
        _events.Publish(monitorEvent);
    }
}
