using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Efm;

public sealed class EfmSuite : IBenchmarkSuite
{
    public string Name => "efm";

    public Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken) => throw new NotSupportedException();
}
