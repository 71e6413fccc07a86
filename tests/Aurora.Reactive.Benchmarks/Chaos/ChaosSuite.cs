using Aurora.Reactive.Benchmarks.Cli;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Chaos;

namespace Aurora.Reactive.Benchmarks.Chaos;

/// <summary>
/// Issue 16, item 4: writers through AuroraClient and AuroraDataSource at once under a seeded random sequence of
/// faults; every write checked against the final writer's table, and the sessions left after the dispose counted.
/// Exits with 1 when a write is lost, doubled or hung, or a session is left.
/// </summary>
public sealed class ChaosSuite : IConfigurableBenchmarkSuite
{
    public const int DefaultFaults = 12;
    public const int DefaultSeed = 16;
    public const int DefaultWorkers = 4;

    public string Name => "chaos";

    public IReadOnlyList<string> Options { get; } = ["--faults", "--seed", "--workers", "--steady"];

    public Task<SuiteReport> RunAsync(bool quick, CancellationToken cancellationToken) =>
        RunAsync(new BenchmarkArguments(Name, Json: false, quick), cancellationToken);

    public async Task<SuiteReport> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var faults = arguments.Numbers.GetValueOrDefault("--faults", arguments.Quick ? 3 : DefaultFaults);
        var seed = arguments.Numbers.GetValueOrDefault("--seed", DefaultSeed);
        var workers = arguments.Numbers.GetValueOrDefault("--workers", DefaultWorkers);
        if (faults < 1 || workers < 1)
        {
            throw new UsageException($"--faults and --workers must be 1 or more; they are {faults} and {workers}.");
        }

        var plan = new ChaosPlan
        {
            Seed = seed,
            Faults = ChaosPlan.Draw(seed, faults),
            WorkersPerKind = workers,
            TraceClient = Environment.GetEnvironmentVariable("AURORA_CHAOS_TRACE") == "1",
        };
        if (arguments.Numbers.TryGetValue("--steady", out var steady))
        {
            if (steady < 0)
            {
                throw new UsageException($"--steady must be 0 or more seconds; it is {steady}.");
            }

            plan = plan with { MinSteady = TimeSpan.FromSeconds(steady), MaxSteady = TimeSpan.FromSeconds(steady + 2) };
        }
        Progress.Write($"chaos: seed {seed}, faults {string.Join(", ", plan.Faults)}, {workers} writers per client kind");
        var result = await ChaosRun.RunAsync(plan, Progress.Write, cancellationToken);
        return ChaosReport.Build(result);
    }
}
