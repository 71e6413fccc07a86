using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// The part of a failover suite that does not depend on the database: one write loop per client, the
/// plan's faults one after the other, the report and the timeline picture.
/// </summary>
public static class FailoverRun
{
    /// <param name="afterFault">What happens to the old writer once a fault is measured (rejoin, or retire).</param>
    /// <param name="kitNotes">Notes on the kit and the floor, added to the report.</param>
    /// <param name="pictureName">The timeline file name without extension; <c>-quick</c> is added for a quick run.</param>
    /// <param name="title">The picture's title, such as "Failover suite".</param>
    public static async Task<SuiteReport> RunAsync<TNode>(
        LocalDatabaseCluster<TNode> cluster,
        IWriteClient[] clients,
        FailoverPlan plan,
        Func<TNode, CancellationToken, Task> afterFault,
        IReadOnlyList<string> kitNotes,
        string pictureName,
        string title,
        bool quick,
        CancellationToken cancellationToken)
        where TNode : LocalClusterNode
    {
        var loops = clients.Select(c => new WriteLoop(c, plan.Pause, plan.RetryDelay)).ToArray();
        var startedAt = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = loops.Select(l => Task.Run(() => l.RunAsync(stop.Token), CancellationToken.None)).ToArray();
        var results = new List<FaultResult>();
        try
        {
            var injector = new FaultInjector<TNode>(cluster, loops, plan, afterFault);
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

        var report = FailoverReport.Build(clients, results, plan, kitNotes);
        var picture = Path.GetFullPath(pictureName + (quick ? "-quick.png" : ".png"));
        var faults = Format.Invariant($"{plan.FaultsOfEachKind} crash{(plan.FaultsOfEachKind == 1 ? string.Empty : "es")}, {plan.FaultsOfEachKind} freeze{(plan.FaultsOfEachKind == 1 ? string.Empty : "s")}");
        FailoverTimelinePlot.Save(loops, results, startedAt, plan.Cap, $"{title}{(quick ? $" (--quick run: {faults}; numbers not meaningful)" : string.Empty)}: writes per client over time", picture);
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
