using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Measurement;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Turns the overhead cells into the table and the JSON figures.</summary>
public static class OverheadReport
{
    public static SuiteReport Build(
        IReadOnlyList<IOverheadTarget> targets,
        IReadOnlyList<OverheadOperation> operations,
        Dictionary<(string Label, OverheadOperation Operation), OverheadCell> cells,
        int rounds,
        int batch)
    {
        var report = new SuiteReport("Overhead: per-operation cost against plain pooled Npgsql");
        var table = new ReportTable(
            "Latency and allocations per operation (local server, real port)",
            "operation", "path", "mean µs", "median µs", "p95 µs", "alloc B/op", "mean ratio", "median ratio", "paired-round ratio", "round ratios p10-p90", "client CPU µs/op", "paired-round CPU ratio");
        var baseline = targets[0];
        foreach (var operation in operations)
        {
            var figures = new JsonObject();
            report.Figures[operation.ToString()] = figures;
            var reference = cells[(baseline.Label, operation)];
            foreach (var target in targets)
            {
                if (!cells.TryGetValue((target.Label, operation), out var cell))
                {
                    table.Add(operation.ToString(), target.Label, "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a");
                    continue;
                }

                var latencies = cell.Latencies;
                var meanRatio = latencies.Mean / reference.Latencies.Mean;
                var medianRatio = latencies.Median / reference.Latencies.Median;
                var roundRatios = new Samples(cell.RoundMeans.Zip(reference.RoundMeans, (x, a) => x / a));
                var pairedRatio = roundRatios.Median;
                var cpuRatio = new Samples(cell.RoundCpuMicros.Zip(reference.RoundCpuMicros, (x, a) => x / a)).Median;
                table.Add(
                    operation.ToString(), target.Label, Format.Micros(latencies.Mean), Format.Micros(latencies.Median), Format.Micros(latencies.P95),
                    Format.Integer(cell.AllocatedBytesPerOperation), Format.Ratio(meanRatio), Format.Ratio(medianRatio), Format.Ratio(pairedRatio),
                    Format.Ratio(roundRatios.Percentile(10)) + "-" + Format.Ratio(roundRatios.Percentile(90)),
                    Format.Micros(cell.CpuMicrosPerOperation), Format.Ratio(cpuRatio));
                figures[target.Label] = new JsonObject
                {
                    ["meanMicros"] = Math.Round(latencies.Mean, 2),
                    ["medianMicros"] = Math.Round(latencies.Median, 2),
                    ["p95Micros"] = Math.Round(latencies.P95, 2),
                    ["allocatedBytesPerOperation"] = Math.Round(cell.AllocatedBytesPerOperation, 1),
                    ["meanRatio"] = Math.Round(meanRatio, 4),
                    ["medianRatio"] = Math.Round(medianRatio, 4),
                    ["pairedRoundRatio"] = Math.Round(pairedRatio, 4),
                    ["roundRatioP10"] = Math.Round(roundRatios.Percentile(10), 4),
                    ["roundRatioP90"] = Math.Round(roundRatios.Percentile(90), 4),
                    ["cpuMicrosPerOperation"] = Math.Round(cell.CpuMicrosPerOperation, 2),
                    ["pairedRoundCpuRatio"] = Math.Round(cpuRatio, 4),
                    ["operations"] = latencies.Count,
                };
            }
        }

        report.Tables.Add(table);
        foreach (var target in targets)
        {
            report.Notes.Add($"{target.Label}: {target.Description}.");
        }

        report.Notes.Add(Format.Invariant($"{rounds} rounds x {batch} operations per path and operation, paths interleaved in rotating order; ratios are to (a); the paired-round ratio is the median over rounds of (round mean / (a)'s round mean in the same round), the figure least moved by other work on the machine; (a') is a second plain pool, so its paired-round ratio shows how far from 1 two equal paths read in this run."));
        report.Notes.Add("Allocations are process-wide bytes over each batch divided by its operations, so background work (monitors, timers) counts.");
        report.Notes.Add(ProcessCpuClock.IsAvailable
            ? "Client CPU is this process's CPU time over each batch (every thread, background work included; the server is another process) divided by its operations: what a path adds on the client, without the waits on the server and the wake-ups that move wall time between rounds. The paired-round CPU ratio is the median over rounds, as for time."
            : "Client CPU is not available on this OS (it reads CLOCK_PROCESS_CPUTIME_ID).");
        report.Notes.Add("The machine is shared with other builds: absolute times move between runs; compare paths within one run.");
        return report;
    }
}
