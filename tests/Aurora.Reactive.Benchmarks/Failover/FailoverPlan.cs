using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>How many faults, how long a client may stay down before it counts as "over the cap", and the loop's pacing.</summary>
public sealed record FailoverPlan(int FaultsOfEachKind, TimeSpan Cap, TimeSpan PromotionDelay, TimeSpan Pause, TimeSpan RetryDelay, TimeSpan RecoveryWait)
{
    public static FailoverPlan For(bool quick) => quick
        ? new(1, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(0.5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20))
        : new(5, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(0.5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

    /// <summary>Crash and freeze alternate, so both kinds see the same machine conditions.</summary>
    public IEnumerable<FailoverFault> Faults() =>
        Enumerable.Range(0, FaultsOfEachKind).SelectMany(_ => new[] { FailoverFault.Crash, FailoverFault.Freeze });
}
