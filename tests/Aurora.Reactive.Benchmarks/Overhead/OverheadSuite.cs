using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>
/// Per-operation cost of each path against plain pooled Npgsql on one local server: mean, median, p95,
/// bytes allocated per operation, and ratios to plain Npgsql.
/// </summary>
public sealed class OverheadSuite : IBenchmarkSuite
{
    private static readonly OverheadOperation[] Operations =
        [OverheadOperation.SelectOne, OverheadOperation.Insert, OverheadOperation.SelectOneOnOpenConnection];

    /// <summary>How many rounds a full run samples (30 when unset): more rounds narrow the paired-round ratios' spread.</summary>
    public const string RoundsVariable = "OVERHEAD_ROUNDS";

    public string Name => "overhead";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var (rounds, batch, warmup) = quick ? (3, 100, 100) : (30, 500, 1000);
        if (Environment.GetEnvironmentVariable(RoundsVariable) is { Length: > 0 } configured)
        {
            rounds = int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"{RoundsVariable} must be a whole number of rounds above 0, not '{configured}'.", RoundsVariable);
        }
        await using var cluster = await BenchCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, cancellationToken);
        await BenchCluster.ExecuteAsync(cluster.Writer, OverheadSql.CreateTable, cancellationToken);
        var targets = new List<IOverheadTarget>
        {
            OverheadTargets.PlainNpgsql(cluster),
            OverheadTargets.AuroraDataSourceWithFeatures(cluster),
            OverheadTargets.Client(cluster),
            OverheadTargets.PlainNpgsqlControl(cluster),
        };
        try
        {
            var cells = await new InterleavedSampler(rounds, batch, warmup).RunAsync(targets, Operations, cancellationToken);
            return OverheadReport.Build(targets, Operations, cells, rounds, batch);
        }
        finally
        {
            foreach (var target in targets)
            {
                await target.DisposeAsync();
            }
        }
    }
}
