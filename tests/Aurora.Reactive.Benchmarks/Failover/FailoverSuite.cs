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
    /// <summary>Faults of each kind instead of the plan's (5, or 1 with --quick), for a shorter run on a shared machine.</summary>
    public const string FaultsVariable = "FAILOVER_FAULTS";

    /// <summary>Comma-separated labels of the clients to run (all when unset), such as "(a) AuroraDataSource,(c) multi-host tuned".</summary>
    public const string ClientsVariable = "FAILOVER_CLIENTS";

    /// <summary>"1" to log the AuroraClient row's topology snapshots and events with the progress lines, to see where a slow fault's time went.</summary>
    public const string TraceVariable = "FAILOVER_TRACE";

    private const int ManyWorkers = 32;

    public string Name => "failover";

    private static async Task<IWriteClient[]> SelectAsync(IWriteClient[] clients)
    {
        if (Environment.GetEnvironmentVariable(ClientsVariable) is not { Length: > 0 } wanted)
        {
            return clients;
        }

        var labels = wanted.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in clients.Where(c => !labels.Contains(c.Label)))
        {
            await dropped.DisposeAsync();
        }

        return clients.Where(c => labels.Contains(c.Label)).ToArray();
    }

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var plan = FailoverPlan.For(quick);
        if (Environment.GetEnvironmentVariable(FaultsVariable) is { Length: > 0 } faults)
        {
            plan = plan with { FaultsOfEachKind = int.Parse(faults, System.Globalization.CultureInfo.InvariantCulture) };
        }

        // The 32-worker rows hold up to 32 pooled connections each on the writer; the kit's 60 leave too few for the
        // rejoin's own connections once the other rows' pools and monitors are counted.
        var clusterOptions = new LocalPostgresClusterOptions { ReaderCount = 2 };
        clusterOptions.ServerSettings["max_connections"] = "200";
        await using var cluster = await BenchCluster.StartAsync(clusterOptions, cancellationToken);
        await BenchCluster.ExecuteAsync(cluster.Writer, FailoverSql.CreateTable, cancellationToken);
        Func<LocalPostgresCluster, IWriteClient>[] all =
        [
            FailoverClients.AuroraDataSourceOnEndpoint,
            c => FailoverClients.AuroraDataSourceOnEndpoint(c, ManyWorkers),
            FailoverClients.AuroraHeldConnectionOnEndpoint,
            FailoverClients.AuroraClientOnEndpoint,
            FailoverClients.ClusterEndpoint,
            FailoverClients.MultiHostDefaults,
            FailoverClients.MultiHostTuned,
            c => FailoverClients.MultiHostTuned(c, ManyWorkers),
        ];
        var clients = await SelectAsync(all.Select(create => create(cluster)).ToArray());
        var options = cluster.Options;
        string[] kitNotes =
        [
            Format.Invariant($"Kit: 1 writer + 2 readers on loopback; FailoverAsync(fault, most advanced reader, delayBeforePromotion {plan.PromotionDelay.TotalSeconds} s); topology published {options.TopologyPublicationDelay.TotalSeconds} s after the promotion, endpoints re-pointed after {options.EndpointRepointDelay.TotalSeconds} s; the old writer rejoins as a reader after each fault."),
            "The floor is the kit's delay before promotion plus the promotion (pg_ctl promote until the node accepts writes): no client can write earlier.",
            "The library's rows share one process and so one topology monitor per cluster (as data sources of one application do): what one row's connections tell the monitor, the others see too.",
            "Reference (issue 8, same kit, 0.5 s delay): multi-host Npgsql down 10.3 s after a crash with defaults, 1.1 s tuned; after a freeze over 60 s with defaults, 8.1 s tuned.",
        ];
        return await FailoverRun.RunAsync(
            cluster, clients, plan, (oldWriter, ct) => cluster.RejoinAsReaderAsync(oldWriter, ct), kitNotes, "failover-timeline", "Failover suite", quick, cancellationToken);
    }
}
