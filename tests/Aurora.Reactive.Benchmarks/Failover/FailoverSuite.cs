using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// Downtime (fault to first successful write) of each client across repeated writer crashes and
/// freezes on one local cluster, every client writing through the same faults at the same time.
/// </summary>
public sealed class FailoverSuite : IBenchmarkSuite
{
    public string Name => "failover";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var plan = FailoverPlan.For(quick);
        await using var cluster = await BenchCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2 }, cancellationToken);
        await BenchCluster.ExecuteAsync(cluster.Writer, FailoverSql.CreateTable, cancellationToken);
        IWriteClient[] clients =
        [
            FailoverClients.AuroraDataSourceOnEndpoint(cluster),
            FailoverClients.AuroraHeldConnectionOnEndpoint(cluster),
            FailoverClients.AuroraClientOnEndpoint(cluster),
            FailoverClients.ClusterEndpoint(cluster),
            FailoverClients.MultiHostDefaults(cluster),
            FailoverClients.MultiHostTuned(cluster),
        ];
        var options = cluster.Options;
        string[] kitNotes =
        [
            Format.Invariant($"Kit: 1 writer + 2 readers on loopback; FailoverAsync(fault, most advanced reader, delayBeforePromotion {plan.PromotionDelay.TotalSeconds} s); topology published {options.TopologyPublicationDelay.TotalSeconds} s after the promotion, endpoints re-pointed after {options.EndpointRepointDelay.TotalSeconds} s; the old writer rejoins as a reader after each fault."),
            "The floor is the kit's delay before promotion plus the promotion (pg_ctl promote until the node accepts writes): no client can write earlier.",
            "Reference (issue 8, same kit, 0.5 s delay): multi-host Npgsql down 10.3 s after a crash with defaults, 1.1 s tuned; after a freeze over 60 s with defaults, 8.1 s tuned.",
        ];
        return await FailoverRun.RunAsync(
            cluster, clients, plan, (oldWriter, ct) => cluster.RejoinAsReaderAsync(oldWriter, ct), kitNotes, "failover-timeline", "Failover suite", quick, cancellationToken);
    }
}
