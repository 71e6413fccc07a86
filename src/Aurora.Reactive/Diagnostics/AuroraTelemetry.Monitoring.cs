using Aurora.Reactive.Client;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Diagnostics;

/// <content>Enhanced failure monitoring: whether it is on, its probes and health, and its verdicts.</content>
internal sealed partial class AuroraTelemetry
{
    /// <summary>Monitoring stays off: <paramref name="host"/> is an RDS Proxy endpoint.</summary>
    public void MonitoringDisabledOnRdsProxy(string host) => LogMessages.MonitoringDisabledOnRdsProxy(_log, host);

    /// <summary>Monitoring is on with <paramref name="detection"/>, probing by <paramref name="probeMethod"/>.</summary>
    public void MonitoringEnabled(FailureDetectionSettings detection, ProbeMethod probeMethod) =>
        LogMessages.MonitoringEnabled(_log, detection.ToString(), probeMethod.ToString());

    /// <summary>Monitoring stays off: it cannot open monitoring connections for the driver.</summary>
    public void MonitoringUnsupportedDriver(string driver, Type connectionType) =>
        LogMessages.MonitoringUnsupportedDriver(_log, driver, connectionType.FullName ?? connectionType.Name);

    /// <summary>A command on <paramref name="host"/> runs unwatched: its host monitor could not be created.</summary>
    public void CommandNotWatched(HostSpec host, Exception error) => LogMessages.CommandNotWatched(_log, host.Endpoint, error);

    /// <summary>The failure monitor of <paramref name="host"/> caught <paramref name="error"/> (a subscriber threw, or its prober failed to close) and carries on.</summary>
    public void MonitorCaughtError(HostSpec host, Exception error) => LogMessages.MonitorCaughtError(_log, host.Endpoint, error);

    /// <summary>A probe of a host ended.</summary>
    public void Probed(ProbeResult probe) => AuroraMetrics.RecordProbe(Cluster, probe);

    /// <summary>A host's health changed.</summary>
    public void HealthChanged(HostHealth health)
    {
        if (IsDisposed)
        {
            return;
        }

        _health[health.Host.Endpoint] = health.Status;
        AuroraMetrics.Track(this); // From the first health on, until disposed: a telemetry that never sees one is never tracked.
        if (IsDisposed)
        {
            AuroraMetrics.Untrack(this);
        }
    }

    /// <summary>
    /// Failure monitoring declared a command's node dead: the command is released, and the connection fails over
    /// when <paramref name="failoverLoaded"/>.
    /// </summary>
    public void HostDeclaredDead(HostDeclaredDead verdict, bool failoverLoaded)
    {
        var host = verdict.Host;
        var detail = verdict.FromSharedHealth ? "shared health already unhealthy" : $"{verdict.FailedProbes} failed probes";
        LogMessages.HostDeclaredDead(_log, host.Endpoint, (long)verdict.SinceCommandStart.TotalMilliseconds, detail, failoverLoaded);
        AuroraMetrics.RecordAbort(Cluster, host);
        AuroraActivities.RecordVerdict(Cluster, verdict);
        Raise(new AuroraClientEvent(AuroraClientEventKind.HostDeclaredDead, verdict.DeclaredAt, $"{host} declared dead ({detail})") { Host = host });
    }
}
