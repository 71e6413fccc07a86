using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Failover;

public sealed class FailoverSuite : IBenchmarkSuite
{
    public string Name => "failover";

    public Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken) => throw new NotSupportedException();
}
