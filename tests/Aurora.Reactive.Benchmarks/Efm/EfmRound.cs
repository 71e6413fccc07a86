using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>
/// One freeze seen by every candidate at once: all long queries start together, the writer freezes
/// <see cref="EfmPlan.Lead"/> later, and each caller's release is timed up to the cap; then the node
/// thaws and every query still running is terminated by <paramref name="terminateOthers"/>.
/// </summary>
public sealed class EfmRound<TNode>(LocalDatabaseCluster<TNode> cluster, EfmPlan plan, Func<TNode, Task> terminateOthers)
    where TNode : LocalClusterNode
{
    public async Task<IReadOnlyList<EfmRelease>> RunAsync(IReadOnlyList<ILongQueryCandidate> candidates, CancellationToken cancellationToken)
    {
        foreach (var candidate in candidates)
        {
            await candidate.PrepareAsync(cancellationToken);
        }

        var node = cluster.Writer;
        var started = Stopwatch.GetTimestamp();
        var runs = candidates.Select(c => Timed(c.RunAsync)).ToArray();
        await Task.Delay(plan.Lead, cancellationToken);
        var frozeAt = Stopwatch.GetTimestamp();
        await cluster.FreezeAsync(node);
        bool[] releasedInTime;
        try
        {
            await WaitForReleasesAsync(runs, cancellationToken);

            // Read before the thaw: terminating the leftovers releases them too, and that must not count.
            releasedInTime = runs.Select(r => r.IsCompleted).ToArray();
        }
        finally
        {
            await cluster.ThawAsync(node);
            await terminateOthers(node);
        }

        var releases = new List<EfmRelease>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var run = runs[i];
            releases.Add(releasedInTime[i]
                ? new EfmRelease(candidates[i].Label, Since(frozeAt, run.Result.At), Since(started, run.Result.At), run.Result.Outcome)
                : new EfmRelease(candidates[i].Label, null, null, "still waiting at the cap"));
        }

        Progress.Write("efm round: " + string.Join("; ", releases.Select(r => $"{r.Label} {(r.FromFreezeSeconds is { } s ? Format.Seconds(s) : "> cap")} ({r.Outcome})")));
        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        return releases;
    }

    private async Task WaitForReleasesAsync(Task[] runs, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(runs).WaitAsync(plan.Cap, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Callers still held are reported over the cap.
        }
    }

    private static double Since(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    private static async Task<(long At, string Outcome)> Timed(Func<Task<string>> run)
    {
        try
        {
            var outcome = await Task.Run(run);
            return (Stopwatch.GetTimestamp(), outcome);
        }
#pragma warning disable CA1031 // The outcome is reported, whatever it is.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var at = Stopwatch.GetTimestamp();
            return (at, error.InnerException is null ? error.GetType().Name : $"{error.GetType().Name} ({error.InnerException.GetType().Name})");
        }
    }
}
