using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>One suite of the harness: runs its scenario and returns the tables and figures it measured.</summary>
public interface IBenchmarkSuite
{
    string Name { get; }

    Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken);
}
