using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Diagnostics;

/// <content>
/// Failovers, at two levels: one connection's failover in the coordinator (a span, a debug line), and the episode a
/// client's callers live through (from the first lost node to the first unit of work completed again: log lines,
/// measurements, events).
/// </content>
internal sealed partial class AuroraTelemetry
{
    /// <summary>A connection's failover from <paramref name="failedHost"/> started at <paramref name="at"/>; returns its span.</summary>
    public Activity? ConnectionFailoverStarted(HostSpec failedHost, bool readOnly, DateTimeOffset at)
    {
        LogMessages.ConnectionFailoverStarted(_log, failedHost.Endpoint, readOnly);
        return AuroraActivities.StartFailover(Cluster, failedHost, readOnly, at);
    }

    /// <summary>The connection's failover of <paramref name="span"/> ended at <paramref name="at"/>, as <paramref name="report"/> says.</summary>
    public void ConnectionFailoverEnded(Activity? span, FailoverReport report, DateTimeOffset at)
    {
        LogMessages.ConnectionFailoverEnded(
            _log, report.FailedHost.Endpoint, report.Succeeded ? "succeeded" : "failed", report.NewHost?.Endpoint ?? "no node", report.Duration.TotalMilliseconds, report.FailureMessage ?? string.Empty);
        AuroraActivities.EndFailover(span, report, at);
    }

    /// <summary>A client's connection lost <paramref name="host"/>: a failover episode starts.</summary>
    public void FailoverStarted(HostSpec? host, Exception? error)
    {
        ClientLog.FailoverStarted(_clientLog, host?.ToString() ?? "?", error);
        Raise(new AuroraClientEvent(AuroraClientEventKind.FailoverStarted, Now, $"lost {host}") { Host = host, Error = error });
    }

    /// <summary>During the episode, a client's connection moved to <paramref name="host"/>, <paramref name="elapsed"/> after it started.</summary>
    public void ConnectionMoved(HostSpec host, TimeSpan elapsed)
    {
        ClientLog.WriterFound(_clientLog, host.ToString(), elapsed.TotalMilliseconds);
        Raise(new AuroraClientEvent(AuroraClientEventKind.WriterFound, Now, $"connected to {host}") { Host = host, Duration = elapsed });
    }

    /// <summary>The episode ended: a unit of work completed on <paramref name="host"/>, <paramref name="downtime"/> after it started.</summary>
    public void FailoverFinished(HostSpec? host, TimeSpan downtime)
    {
        ClientLog.FailoverFinished(_clientLog, downtime.TotalMilliseconds);
        AuroraMetrics.RecordFailover(Cluster, succeeded: true, downtime);
        Raise(new AuroraClientEvent(AuroraClientEventKind.FailoverFinished, Now, $"work completes again on {host?.ToString() ?? "the cluster"}") { Host = host, Duration = downtime });
    }

    /// <summary>During the episode, a client's connection found no node to take over from <paramref name="host"/>.</summary>
    public void FailoverFailed(HostSpec? host, Exception? error)
    {
        ClientLog.FailoverFailed(_clientLog, host?.ToString() ?? "?", error);
        AuroraMetrics.RecordFailover(Cluster, succeeded: false, duration: null);
        Raise(new AuroraClientEvent(AuroraClientEventKind.FailoverFailed, Now, $"no node took over from {host}") { Host = host, Error = error });
    }
}
