using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Diagnostics;

/// <summary>The <see cref="Client.AuroraClient"/>'s log messages, source-generated (event ids 7000-7099), written only by <see cref="AuroraTelemetry"/>.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Aurora client created for {Endpoint} (cluster {ClusterKey})")]
    public static partial void Created(ILogger logger, string endpoint, string clusterKey);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Failover started: node {Host} lost")]
    public static partial void FailoverStarted(ILogger logger, string host, Exception? error);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Failover found {Host} after {ElapsedMs:0} ms")]
    public static partial void WriterFound(ILogger logger, string host, double elapsedMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Failover finished: work completed again after {DowntimeMs:0} ms")]
    public static partial void FailoverFinished(ILogger logger, double downtimeMs);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Failover from {Host} found no node")]
    public static partial void FailoverFailed(ILogger logger, string host, Exception? error);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Unit of work interrupted on attempt {Attempt} by {ErrorType}; {Verdict}")]
    public static partial void UnitInterrupted(ILogger logger, int attempt, string errorType, string verdict);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Unit of work given up after {Attempts} attempts")]
    public static partial void UnitGaveUp(ILogger logger, int attempts, Exception error);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Transaction {TransactionId} whose commit was in flight: {Outcome} on {Host}")]
    public static partial void CommitOutcome(ILogger logger, long transactionId, string outcome, string host);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Information, Message = "Topology writer changed from {OldWriter} to {NewWriter}")]
    public static partial void WriterChanged(ILogger logger, string oldWriter, string newWriter);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "Monitor error: {Description}")]
    public static partial void MonitorError(ILogger logger, string description, Exception? error);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "A subscriber of the client's streams threw; the client carries on")]
    public static partial void SubscriberFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Aurora client disposed ({InFlight} calls were in flight)")]
    public static partial void Disposed(ILogger logger, int inFlight);
}
