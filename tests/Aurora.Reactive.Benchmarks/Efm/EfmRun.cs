using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The rounds of an EFM suite on one single-node cluster, whatever the database: fresh candidates per round, then the report.</summary>
public static class EfmRun
{
    public static async Task<SuiteReport> RunAsync<TNode>(
        LocalDatabaseCluster<TNode> cluster,
        Func<TNode, IReadOnlyList<ILongQueryCandidate>> createCandidates,
        Func<TNode, Task> terminateOthers,
        string longQuery,
        EfmPlan plan,
        CancellationToken cancellationToken)
        where TNode : LocalClusterNode
    {
        var rounds = new List<IReadOnlyList<EfmRelease>>();
        IReadOnlyList<ILongQueryCandidate> described = [];
        for (var round = 0; round < plan.Rounds; round++)
        {
            var candidates = createCandidates(cluster.Writer);
            described = candidates;
            try
            {
                rounds.Add(await new EfmRound<TNode>(cluster, plan, terminateOthers).RunAsync(candidates, cancellationToken));
            }
            finally
            {
                foreach (var candidate in candidates)
                {
                    await candidate.DisposeAsync();
                }
            }
        }

        return EfmReport.Build(described, rounds, plan, longQuery);
    }
}
