using Aurora.Reactive.Client;

namespace Aurora.Reactive.Tests.Client;

/// <summary>Records what the re-run loop reports.</summary>
internal sealed class RecordingRerunListener : IRerunListener
{
    public List<(int Attempt, Exception Error, RerunVerdict Verdict)> Interruptions { get; } = [];

    public List<(int Attempts, TimeSpan Downtime)> Recoveries { get; } = [];

    public List<(int Attempts, Exception Error)> GiveUps { get; } = [];

    public void Interrupted(int attempt, Exception error, RerunVerdict verdict) => Interruptions.Add((attempt, error, verdict));

    public void Recovered(int attempts, TimeSpan downtime) => Recoveries.Add((attempts, downtime));

    public void GaveUp(int attempts, Exception error) => GiveUps.Add((attempts, error));
}
