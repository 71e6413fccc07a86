using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Scale;

public sealed class ScaleSuite : IBenchmarkSuite
{
    public string Name => "scale";

    public Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken) => throw new NotSupportedException();
}
