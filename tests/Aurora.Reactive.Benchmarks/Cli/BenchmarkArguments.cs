namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>What the command line asks for: one suite, and whether to add the JSON line and run short.</summary>
public sealed record BenchmarkArguments(string Suite, bool Json, bool Quick)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/Aurora.Reactive.Benchmarks -- <suite> [--json] [--quick]\n" +
        "  suites: overhead, failover, efm, scale, failover-mysql, efm-mysql (the last two on the MariaDB kit, over MySqlConnector)\n" +
        "  --json   print one JSON line with the suite's figures at the end\n" +
        "  --quick  a short smoke run (numbers not meaningful)";

    public static BenchmarkArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> suites)
    {
        string? suite = null;
        var json = false;
        var quick = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--json" when !json:
                    json = true;
                    break;
                case "--quick" when !quick:
                    quick = true;
                    break;
                case "--json" or "--quick":
                    throw new UsageException($"argument '{arg}' is given twice.");
                case var flag when flag.StartsWith('-'):
                    throw new UsageException($"unknown option '{flag}'; the options are --json and --quick.");
                case var name when suite is null:
                    suite = suites.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw new UsageException($"unknown suite '{name}'; the suites are {string.Join(", ", suites)}.");
                    break;
                default:
                    throw new UsageException($"unexpected argument '{arg}': suite '{suite}' is already given and only one suite runs at a time.");
            }
        }

        return suite is null
            ? throw new UsageException($"no suite given; name one of {string.Join(", ", suites)}.")
            : new BenchmarkArguments(suite, json, quick);
    }
}
