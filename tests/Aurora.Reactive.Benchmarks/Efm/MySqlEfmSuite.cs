using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Cluster;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Benchmarks.Efm;

/// <summary>The EFM suite on the MariaDB kit: the library over MySqlConnector against plain MySqlConnector's command timeout.</summary>
public sealed class MySqlEfmSuite : IBenchmarkSuite
{
    public string Name => "efm-mysql";

    public async Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchMariaDb.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 }, cancellationToken);
        return await EfmRun.RunAsync<LocalMariaDbNode>(
            cluster, MySqlEfmCandidates.Create, BenchMariaDb.KillClientSessionsAsync, EfmSql.MySqlLongQuery, EfmPlan.For(quick), cancellationToken);
    }
}
