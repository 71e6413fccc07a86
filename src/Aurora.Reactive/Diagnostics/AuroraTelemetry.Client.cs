using Aurora.Reactive.Client;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Diagnostics;

/// <content>What a client reports besides failover episodes: its lifetime, re-runs, commit outcomes, writer changes, monitor errors.</content>
internal sealed partial class AuroraTelemetry
{
    /// <summary>A client was created on the data source of <paramref name="endpoint"/>.</summary>
    public void ClientCreated(string endpoint) => ClientLog.Created(_clientLog, endpoint, Cluster);

    /// <summary>The client was disposed with <paramref name="inFlight"/> calls running.</summary>
    public void ClientDisposed(int inFlight) => ClientLog.Disposed(_clientLog, inFlight);

    /// <summary>Attempt <paramref name="attempt"/> of a unit of work was interrupted by <paramref name="error"/> and runs again.</summary>
    public void UnitRerun(int attempt, Exception error, bool rightAway)
    {
        var errorType = error.GetType().Name;
        ClientLog.UnitInterrupted(_clientLog, attempt, errorType, rightAway ? "running it again now" : "running it again after a pause");
        AuroraMetrics.RecordRerun(Cluster);
        Raise(new AuroraClientEvent(AuroraClientEventKind.UnitRerun, Now, $"attempt {attempt} interrupted by {errorType}") { Error = error });
    }

    /// <summary>A unit of work was given up after <paramref name="attempts"/> attempts.</summary>
    public void UnitGaveUp(int attempts, Exception error) => ClientLog.UnitGaveUp(_clientLog, attempts, error);

    /// <summary>The writer <paramref name="asked"/> told the outcome of transaction <paramref name="transactionId"/>, whose COMMIT was in flight on <paramref name="committedOn"/>.</summary>
    public void CommitOutcomeResolved(long transactionId, CommitOutcome outcome, HostSpec committedOn, HostSpec asked)
    {
        ClientLog.CommitOutcome(_clientLog, transactionId, outcome.ToString(), asked.ToString());
        Raise(new AuroraClientEvent(
            AuroraClientEventKind.CommitOutcomeResolved, Now, $"transaction {transactionId}, whose commit was in flight on {committedOn}: {outcome} (asked {asked})") { Host = asked });
    }

    /// <summary>The topology shows <paramref name="writer"/> as the writer instead of <paramref name="previous"/>.</summary>
    public void WriterChanged(HostSpec previous, HostSpec writer)
    {
        ClientLog.WriterChanged(_clientLog, previous.ToString(), writer.ToString());
        Raise(new AuroraClientEvent(AuroraClientEventKind.WriterChanged, Now, $"topology writer changed from {previous} to {writer}") { Host = writer });
    }

    /// <summary>A monitor (topology or host health) ran into an error and carries on.</summary>
    public void MonitorError(string description, Exception? error)
    {
        ClientLog.MonitorError(_clientLog, description, error);
        Raise(new AuroraClientEvent(AuroraClientEventKind.MonitorError, Now, description) { Error = error });
    }
}
