using System.Diagnostics;
using Aurora.Reactive.Benchmarks.Measurement;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>
/// Times operations in rounds: each round runs one batch per target and operation, rotating the order of
/// the targets from round to round, so that noise from other work on a shared machine falls on every
/// target alike. A forced collection before each batch keeps one target's garbage out of the next one's
/// timings; allocations and CPU time are counted over the whole process (background work included).
/// </summary>
public sealed class InterleavedSampler(int rounds, int batch, int warmupOperations)
{
    public async Task<Dictionary<(string Label, OverheadOperation Operation), OverheadCell>> RunAsync(
        IReadOnlyList<IOverheadTarget> targets, IReadOnlyList<OverheadOperation> operations, CancellationToken cancellationToken)
    {
        var cells = new Dictionary<(string, OverheadOperation), OverheadCell>();
        foreach (var target in targets)
        {
            foreach (var operation in Supported(target, operations))
            {
                cells[(target.Label, operation)] = new OverheadCell();
                await TimeBatchAsync(target, operation, warmupOperations, cancellationToken);
            }
        }

        await JitQuiet.WaitAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), cancellationToken);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var operation in operations)
            {
                for (var k = 0; k < targets.Count; k++)
                {
                    var target = targets[(k + round) % targets.Count];
                    if (!cells.TryGetValue((target.Label, operation), out var cell))
                    {
                        continue;
                    }

                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var cpuBefore = ProcessCpuClock.NowMicros();
                    var latencies = await TimeBatchAsync(target, operation, batch, cancellationToken);
                    var cpu = ProcessCpuClock.NowMicros() - cpuBefore;
                    cell.AddBatch(latencies, GC.GetTotalAllocatedBytes(precise: true) - before, cpu);
                }
            }

            if ((round + 1) % Math.Max(1, rounds / 5) == 0)
            {
                Progress.Write($"overhead: round {round + 1}/{rounds}");
            }
        }

        return cells;
    }

    private static IEnumerable<OverheadOperation> Supported(IOverheadTarget target, IReadOnlyList<OverheadOperation> operations) =>
        operations.Where(o => o != OverheadOperation.SelectOneOnOpenConnection || target.HasOpenConnection);

    private static async Task<double[]> TimeBatchAsync(IOverheadTarget target, OverheadOperation operation, int count, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            switch (operation)
            {
                case OverheadOperation.SelectOne:
                    await target.SelectOneAsync(cancellationToken);
                    break;
                case OverheadOperation.Insert:
                    await target.InsertAsync(i, cancellationToken);
                    break;
                default:
                    await target.SelectOneOnOpenConnectionAsync(cancellationToken);
                    break;
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        return latencies;
    }
}
