using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Diagnostics;

/// <summary>
/// The data source's log messages, source-generated, written only by <see cref="AuroraTelemetry"/>. Event ids are
/// grouped by area: 1000s enhanced failure monitoring, 2000s a connection's failover, 3000s the topology monitor (the
/// client's are in <see cref="ClientLog"/>, 7000s). Messages never contain a password or a full connection string.
/// </summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Enhanced failure monitoring is disabled for {Host}: it is an RDS Proxy endpoint, which routes each request to any instance, so probes could not tell which instance a command runs on. Use the cluster or instance endpoints to get monitoring, or set failure_detection_enabled=false to silence this warning.")]
    public static partial void MonitoringDisabledOnRdsProxy(ILogger logger, string host);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Enhanced failure monitoring is on: {Settings}, probe method {ProbeMethod}.")]
    public static partial void MonitoringEnabled(ILogger logger, string settings, string probeMethod);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Host {Host} declared dead {ElapsedMs} ms after a command started ({Detail}); releasing the command, failover loaded: {FailoverLoaded}.")]
    public static partial void HostDeclaredDead(ILogger logger, string host, long elapsedMs, string detail, bool failoverLoaded);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Enhanced failure monitoring is disabled: it cannot build monitoring connections for driver {Driver} ({ConnectionType}). Set HostMonitoringSettings.OpenConnection or ProberFactory to monitor with this driver, or failure_detection_enabled=false to silence this warning.")]
    public static partial void MonitoringUnsupportedDriver(ILogger logger, string driver, string connectionType);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error,
        Message = "A command on {Host} runs without failure monitoring: its host monitor could not be created.")]
    public static partial void CommandNotWatched(ILogger logger, string host, Exception error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "A subscriber of {Stream} threw; it was unsubscribed and the stream carries on.")]
    public static partial void SubscriberFailed(ILogger logger, string stream, Exception error);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "The failure monitor of {Host} caught an error and carries on: a subscriber of its probes, health or verdicts threw (and was unsubscribed), or its monitoring connection failed to close.")]
    public static partial void MonitorCaughtError(ILogger logger, string host, Exception error);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Failover of a connection on {Host} started (read-only: {ReadOnly}).")]
    public static partial void ConnectionFailoverStarted(ILogger logger, string host, bool readOnly);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Failover of a connection from {Host} {Outcome} on {NewHost} after {ElapsedMs:0} ms. {Reason}")]
    public static partial void ConnectionFailoverEnded(ILogger logger, string host, string outcome, string newHost, double elapsedMs, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Topology read in fast mode through {Host} {Outcome} in {ElapsedMs:0} ms.")]
    public static partial void TopologyRefreshed(ILogger logger, string host, string outcome, double elapsedMs);
}
