using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>
/// 1, 100 and 1,000 logical connections busy on one cluster: monitoring connections on the server,
/// threads, managed memory and CPU time, plain Npgsql and ours level by level.
/// </summary>
public sealed class ScaleSuite : IBenchmarkSuite
{
    public string Name => "scale";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var plan = ScalePlan.For(quick);
        var options = new LocalPostgresClusterOptions { ReaderCount = 1 };
        options.ServerSettings["max_connections"] = "1100";
        await using var cluster = await BenchCluster.StartAsync(options, cancellationToken);
        ScaleVariant[] variants = [ScaleVariants.PlainNpgsql(cluster), ScaleVariants.Aurora(cluster)];
        var run = new ScaleRun(cluster, plan);
        var measurements = new List<ScaleMeasurement>();

        // Plain Npgsql runs first: the library's shared topology monitor outlives its data sources by
        // topology_monitor_disposal_time_ms, and would otherwise show up in the plain runs' counts.
        foreach (var variant in variants)
        {
            await WarmUpAsync(cluster, variant, plan, cancellationToken);
            foreach (var level in plan.Levels)
            {
                measurements.Add(await run.RunAsync(variant, level, cancellationToken));
            }
        }

        var linger = await LingerAsync(cluster, measurements[^1].DisposedAt, plan.LingerCap, cancellationToken);
        return ScaleReport.Build(variants, measurements, plan, linger);
    }

    /// <summary>
    /// Runs each variant briefly and the once-a-second sampling code many times, so that JIT tiering
    /// happens here and not inside the first measured window (it would be charged to whichever variant runs first).
    /// </summary>
    private static async Task WarmUpAsync(LocalPostgresCluster cluster, ScaleVariant variant, ScalePlan plan, CancellationToken cancellationToken)
    {
        await new ScaleRun(cluster, plan.ForWarmUp()).RunAsync(variant, 10, cancellationToken);

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < 60; i++)
        {
            process.Refresh();
            _ = process.Threads.Count + process.TotalProcessorTime.Ticks;
            await ServerConnections.CountAsync(cluster, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
    }

    /// <summary>Seconds from the last data source's disposal until no connection but the harness's is left on any node; <see langword="null"/> past the cap.</summary>
    private static async Task<double?> LingerAsync(LocalPostgresCluster cluster, long disposedAt, TimeSpan cap, CancellationToken cancellationToken)
    {
        while (System.Diagnostics.Stopwatch.GetElapsedTime(disposedAt) < cap)
        {
            if ((await ServerConnections.CountAsync(cluster, cancellationToken)).All == 0)
            {
                return System.Diagnostics.Stopwatch.GetElapsedTime(disposedAt).TotalSeconds;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return null;
    }
}
