using Aurora.Reactive.Diagnostics;

namespace Aurora.Reactive.Client;

/// <content>What the re-run loop reports: logged, counted and published.</content>
public sealed partial class AuroraClient : IRerunListener
{
    void IRerunListener.Interrupted(int attempt, Exception error, RerunVerdict verdict)
    {
        if (verdict == RerunVerdict.Fail)
        {
            return;
        }

        ClientLog.UnitInterrupted(_logger, attempt, error.GetType().Name, verdict == RerunVerdict.RerunNow ? "running it again now" : "running it again after a pause");
        AuroraMetrics.RecordRerun(_clusterKey);
        Publish(new AuroraClientEvent(AuroraClientEventKind.UnitRerun, _scheduler.Now, $"attempt {attempt} interrupted by {error.GetType().Name}") { Error = error });
    }

    void IRerunListener.Recovered(int attempts, TimeSpan downtime)
    {
    }

    void IRerunListener.GaveUp(int attempts, Exception error) => ClientLog.UnitGaveUp(_logger, attempts, error);
}
