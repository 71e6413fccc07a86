namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>Rounds, how long the queries run before the freeze, and how long to wait for a release.</summary>
public sealed record EfmPlan(int Rounds, TimeSpan Lead, TimeSpan Cap)
{
    public static EfmPlan For(bool quick) => quick
        ? new(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))
        : new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(70));
}
