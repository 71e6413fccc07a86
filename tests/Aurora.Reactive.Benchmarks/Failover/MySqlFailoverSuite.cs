using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// The failover suite on the MariaDB kit: the library over MySqlConnector against MySqlConnector's own
/// multi-host failover, through the same crashes and freezes at the same time.
/// </summary>
/// <remarks>
/// The MariaDB kit cannot rejoin an old writer as a reader, so every fault retires its writer (a frozen one is
/// killed once measured) and the cluster starts with one reader per fault; the full run is therefore shorter.
/// </remarks>
public sealed class MySqlFailoverSuite : IBenchmarkSuite
{
    private const int MaxFaultsOfEachKind = 3;

    public string Name => "failover-mysql";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var standard = FailoverPlan.For(quick);
        var plan = standard with { FaultsOfEachKind = Math.Min(standard.FaultsOfEachKind, MaxFaultsOfEachKind) };
        var readers = 2 * plan.FaultsOfEachKind;
        await using var cluster = await BenchMariaDb.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = readers }, cancellationToken);
        await BenchMariaDb.ExecuteAsync(cluster.Writer, FailoverSql.MySqlCreateTable, cancellationToken);
        await cluster.WaitForReplicationAsync(cancellationToken);
        await using var aliases = LoopbackAliases.Start(cluster.Nodes.Select(n => n.ServerPort).ToArray());
        IWriteClient[] clients =
        [
            MySqlFailoverClients.AuroraHeldConnectionOnEndpoint(cluster),
            MySqlFailoverClients.AuroraClientOnEndpoint(cluster),
            MySqlFailoverClients.MultiHostDefaults(aliases),
            MySqlFailoverClients.MultiHostTuned(aliases),
        ];
        var options = cluster.Options;
        string[] kitNotes =
        [
            Format.Invariant($"Kit: MariaDB, 1 writer + {readers} readers (GTID replication) on loopback; FailoverAsync(fault, most advanced reader, delayBeforePromotion {plan.PromotionDelay.TotalSeconds} s); topology published {options.TopologyPublicationDelay.TotalSeconds} s after the promotion, endpoints re-pointed after {options.EndpointRepointDelay.TotalSeconds} s. The kit has no rejoin: a crashed writer stays down, a frozen one is killed once its fault is measured, so each fault has one node fewer."),
            "The floor is the kit's delay before promotion plus the promotion (STOP SLAVE; RESET SLAVE ALL; read_only off on the reader): no client can write earlier.",
            Format.Invariant($"MySqlConnector takes one Port for all hosts of Server=a,b,c, and the kit's nodes share 127.0.0.1, so the (m) rows reach the nodes through small relays on 127.0.0.2.. 127.0.0.{cluster.Nodes.Count + 1} port {aliases.Port}, in node order, to each server's real port (a relay stops listening once its server refuses a connection (crashed), so later attempts are refused as by the dead host). LoadBalance=FailOver takes the first host that accepts a connection and does not ask which node is the writer; the write loop is its retry."),
        ];
        return await FailoverRun.RunAsync<LocalMariaDbNode>(
            cluster, clients, plan, (oldWriter, ct) => Retire(cluster, oldWriter, ct), kitNotes, "failover-mysql-timeline", "Failover suite, MySQL (MariaDB kit)", quick, cancellationToken);
    }

    private static Task Retire(LocalMariaDbCluster cluster, LocalMariaDbNode oldWriter, CancellationToken cancellationToken) =>
        oldWriter.State == LocalNodeState.Frozen ? cluster.CrashAsync(oldWriter, cancellationToken) : Task.CompletedTask;
}
