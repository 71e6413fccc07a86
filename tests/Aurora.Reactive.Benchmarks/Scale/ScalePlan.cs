namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>Connection counts, how long each runs busy, and the command every connection repeats.</summary>
public sealed record ScalePlan(IReadOnlyList<int> Levels, TimeSpan Busy, double SleepSeconds, TimeSpan WarmUp, TimeSpan LingerCap)
{
    public const string WorkloadApplicationName = "bench-scale-workload";

    public static ScalePlan For(bool quick) => quick
        ? new([1, 100, 1000], TimeSpan.FromSeconds(2), 0.5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))
        : new([1, 100, 1000], TimeSpan.FromSeconds(60), 1.0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(75));

    /// <summary>The same plan with a short busy window, for a run that only warms up (JIT, pools) and is not reported.</summary>
    public ScalePlan ForWarmUp() => this with { Busy = WarmUp };

    public string Command => FormattableString.Invariant($"SELECT pg_sleep({SleepSeconds})");
}
