using System.Text.Json.Nodes;
using Aurora.Reactive.Benchmarks.Chaos;
using Aurora.Reactive.Benchmarks.Efm;
using Aurora.Reactive.Benchmarks.Failover;
using Aurora.Reactive.Benchmarks.Overhead;
using Aurora.Reactive.Benchmarks.Reporting;
using Aurora.Reactive.Benchmarks.Scale;

namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>Parses the command line, runs one suite, prints its tables and, with --json, one JSON line last.</summary>
public static class BenchmarkRunner
{
    private static readonly IBenchmarkSuite[] Suites = [new OverheadSuite(), new FailoverSuite(), new EfmSuite(), new ScaleSuite(), new MySqlFailoverSuite(), new MySqlEfmSuite(), new ChaosSuite()];

    public static async Task<int> RunAsync(string[] args)
    {
        BenchmarkArguments arguments;
        try
        {
            arguments = BenchmarkArguments.Parse(args, Suites.Select(s => s.Name).ToArray());
            var chosen = Suites.Single(s => s.Name == arguments.Suite);
            var allowed = (chosen as IConfigurableBenchmarkSuite)?.Options ?? [];
            if (arguments.Numbers.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unexpected)
            {
                throw new UsageException($"suite '{chosen.Name}' does not take '{unexpected}'{(allowed.Count == 0 ? string.Empty : $"; it takes {string.Join(", ", allowed)}")}.");
            }
        }
        catch (UsageException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}\n{BenchmarkArguments.Usage}");
            return 2;
        }

        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        var suite = Suites.Single(s => s.Name == arguments.Suite);
        var environment = RunEnvironment.Capture(arguments);
        Progress.Write($"suite {suite.Name}{(arguments.Quick ? " (quick)" : string.Empty)} on {environment.Summary}");
        SuiteReport report;
        try
        {
            report = suite is IConfigurableBenchmarkSuite configurable
                ? await configurable.RunAsync(arguments, interrupt.Token)
                : await suite.RunAsync(arguments.Quick, interrupt.Token);
        }
        catch (UsageException error)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}\n{BenchmarkArguments.Usage}");
            return 2;
        }

        Console.WriteLine(report.Render(environment));
        if (arguments.Json)
        {
            var line = new JsonObject
            {
                ["suite"] = suite.Name,
                ["quick"] = arguments.Quick,
                ["environment"] = environment.ToJson(),
                ["figures"] = report.Figures,
            };
            Console.WriteLine(line.ToJsonString());
        }

        foreach (var failure in report.Failures)
        {
            await Console.Error.WriteLineAsync($"FAILED: {failure}");
        }

        return report.Failures.Count == 0 ? 0 : 1;
    }
}
