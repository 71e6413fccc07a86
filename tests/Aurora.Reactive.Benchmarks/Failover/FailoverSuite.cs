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
        var loops = clients.Select(c => new WriteLoop(c, plan.Pause, plan.RetryDelay)).ToArray();
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = loops.Select(l => Task.Run(() => l.RunAsync(stop.Token), CancellationToken.None)).ToArray();
        var results = new List<FaultResult>();
        try
        {
            var injector = new FaultInjector(cluster, loops, plan);
            var number = 0;
            foreach (var fault in plan.Faults())
            {
                results.Add(await injector.RunAsync(++number, fault, cancellationToken));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await StopAsync(running);
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }

        var report = FailoverReport.Build(clients, results, plan, cluster.Options);
        var picture = Path.GetFullPath(quick ? "failover-timeline-quick.png" : "failover-timeline.png");
        FailoverTimelinePlot.Save(loops, results, startedAt, plan.Cap, $"Failover suite{(quick ? " (--quick run: 1 crash, 1 freeze; numbers not meaningful)" : string.Empty)}: writes per client over time", picture);
        report.Notes.Add($"Writes over time, one panel per client: {picture} (written by this run; the repository keeps a copy next to RESULTS.md).");
        Progress.Write($"timeline picture: {picture}");
        return report;
    }

    private static async Task StopAsync(Task[] running)
    {
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Progress.Write("a write loop did not stop within 30 s; leaving it to process exit");
        }
    }
}
