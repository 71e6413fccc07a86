using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>
/// A long query on a writer that freezes: time from the freeze to the caller's release, for the seed's
/// EFM defaults and an aggressive setting, against the configured bound and plain Npgsql.
/// </summary>
public sealed class EfmSuite : IBenchmarkSuite
{
    public string Name => "efm";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 0 }, cancellationToken);
        return await EfmRun.RunAsync(
            cluster,
            EfmCandidates.Create,
            node => BenchCluster.ScalarAsync<long>(node, EfmSql.TerminateOtherClients, CancellationToken.None),
            EfmSql.LongQuery,
            EfmPlan.For(quick),
            cancellationToken);
    }
}
