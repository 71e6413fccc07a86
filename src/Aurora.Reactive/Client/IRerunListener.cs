namespace Aurora.Reactive.Client;

/// <summary>What the re-run loop tells about one call: interruptions and the recovery that ended them.</summary>
internal interface IRerunListener
{
    /// <summary>Attempt <paramref name="attempt"/> failed with <paramref name="error"/>, judged <paramref name="verdict"/>.</summary>
    void Interrupted(int attempt, Exception error, RerunVerdict verdict);

    /// <summary>Attempt <paramref name="attempts"/> succeeded after interruptions; <paramref name="downtime"/> runs from the first interruption.</summary>
    void Recovered(int attempts, TimeSpan downtime);

    /// <summary>The loop gave up with <paramref name="error"/> after <paramref name="attempts"/> attempts.</summary>
    void GaveUp(int attempts, Exception error);
}
