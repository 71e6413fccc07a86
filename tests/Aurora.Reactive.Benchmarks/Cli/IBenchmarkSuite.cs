using Aurora.Reactive.Benchmarks.Reporting;

namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>One suite of the harness: runs its scenario and returns the tables and figures it measured.</summary>
public interface IBenchmarkSuite
{
    string Name { get; }

    Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken);
}

/// <summary>A suite that takes numeric options (<see cref="BenchmarkArguments.NumericOptions"/>) besides --quick.</summary>
public interface IConfigurableBenchmarkSuite : IBenchmarkSuite
{
    /// <summary>The options it takes, with their dashes; any other numeric option is a usage error.</summary>
    IReadOnlyList<string> Options { get; }

    /// <summary>Runs with the whole command line.</summary>
    /// <exception cref="UsageException">An option's value is out of range.</exception>
    Task<SuiteReport> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken);
}
