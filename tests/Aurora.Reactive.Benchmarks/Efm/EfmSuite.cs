using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>
/// A long query on a writer that freezes: time from the freeze to the caller's release, for the seed's
/// EFM defaults and an aggressive setting, against the configured bound and plain Npgsql.
/// </summary>
public sealed class EfmSuite : IBenchmarkSuite
{
    public string Name => "efm";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var plan = EfmPlan.For(quick);
        await using var cluster = await BenchCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 0 }, cancellationToken);
        var rounds = new List<IReadOnlyList<EfmRelease>>();
        IReadOnlyList<ILongQueryCandidate> described = [];
        for (var round = 0; round < plan.Rounds; round++)
        {
            var candidates = EfmCandidates.Create(cluster.Writer);
            described = candidates;
            try
            {
                rounds.Add(await new EfmRound(cluster, plan).RunAsync(candidates, cancellationToken));
            }
            finally
            {
                foreach (var candidate in candidates)
                {
                    await candidate.DisposeAsync();
                }
            }
        }

        return EfmReport.Build(described, rounds, plan);
    }
}
