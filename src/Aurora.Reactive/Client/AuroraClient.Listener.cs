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

        _telemetry.UnitRerun(attempt, error, rightAway: verdict == RerunVerdict.RerunNow);
    }

    void IRerunListener.Recovered(int attempts, TimeSpan downtime)
    {
    }

    void IRerunListener.GaveUp(int attempts, Exception error) => _telemetry.UnitGaveUp(attempts, error);
}
