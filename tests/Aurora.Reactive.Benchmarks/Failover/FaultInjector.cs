using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// Runs one fault against every write loop at once: waits until each loop writes on the current writer,
/// fails the writer over, waits for each loop's first write on another node (up to the cap), then hands
/// the old writer to <paramref name="afterFault"/> (the PostgreSQL kit rejoins it as a reader, so the next
/// fault finds the same three-node cluster; the MariaDB kit has no rejoin and retires it).
/// </summary>
public sealed class FaultInjector<TNode>(LocalDatabaseCluster<TNode> cluster, IReadOnlyList<WriteLoop> loops, FailoverPlan plan, Func<TNode, CancellationToken, Task> afterFault)
    where TNode : LocalClusterNode
{
    public async Task<FaultResult> RunAsync(int number, FailoverFault fault, CancellationToken cancellationToken)
    {
        var notReady = await WaitUntilWritingAsync(cancellationToken);
        var oldWriter = cluster.Writer;
        var failuresBefore = loops.Select(l => l.Failures).ToArray();
        foreach (var loop in loops)
        {
            loop.TakeErrorsSeen();
        }

        var faultAt = Stopwatch.GetTimestamp();
        var firstWrites = loops.Select(l => l.FirstSuccessAsync(faultAt, oldWriter.InstanceId)).ToArray();
        var newWriter = await cluster.FailoverAsync(fault, target: null, plan.PromotionDelay, cancellationToken);
        var promotedAt = Stopwatch.GetTimestamp();
        var floor = plan.PromotionDelay + (cluster.LastPromotionDuration ?? TimeSpan.Zero);
        await WhenAllOrTimeoutAsync(firstWrites, plan.Cap - Stopwatch.GetElapsedTime(faultAt), cancellationToken);
        var downtime = new Dictionary<string, double?>();
        for (var i = 0; i < loops.Count; i++)
        {
            var label = loops[i].Client.Label;
            downtime[label] = firstWrites[i].IsCompletedSuccessfully && !notReady.Contains(label)
                ? Stopwatch.GetElapsedTime(faultAt, firstWrites[i].Result).TotalSeconds
                : null;
        }

        Progress.Write($"fault {number} ({fault}) {oldWriter.InstanceId} -> {newWriter.InstanceId}: floor {floor.TotalSeconds:0.000} s; "
            + string.Join("; ", loops.Select((l, i) => Describe(l, downtime[l.Client.Label], l.Failures - failuresBefore[i]))));
        await afterFault(oldWriter, cancellationToken);
        return new FaultResult(number, fault, floor.TotalSeconds, downtime, notReady, faultAt, promotedAt);
    }

    private static string Describe(WriteLoop loop, double? downtime, long failures) =>
        $"{loop.Client.Label} {(downtime is { } s ? Format.Seconds(s) : "no write")} ({failures} failed writes{(failures > 0 ? ": " + loop.TakeErrorsSeen() : string.Empty)})";

    /// <summary>Labels of the loops that did not write on the current writer within the recovery wait (still down from the last fault).</summary>
    private async Task<HashSet<string>> WaitUntilWritingAsync(CancellationToken cancellationToken)
    {
        var writes = loops.Select(l => l.FirstSuccessAsync(Stopwatch.GetTimestamp(), excludedInstance: null)).ToArray();
        await WhenAllOrTimeoutAsync(writes, plan.RecoveryWait, cancellationToken);
        var notReady = loops.Where((_, i) => !writes[i].IsCompletedSuccessfully).Select(l => l.Client.Label).ToHashSet();
        if (notReady.Count > 0)
        {
            Progress.Write($"not writing before the fault (excluded from it): {string.Join(", ", notReady)}");
        }

        return notReady;
    }

    private static async Task WhenAllOrTimeoutAsync(Task[] tasks, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The tasks that did not complete are read as "over the cap" by the caller.
        }
    }
}
