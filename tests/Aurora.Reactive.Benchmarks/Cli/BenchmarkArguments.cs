namespace Aurora.Reactive.Benchmarks.Cli;

/// <summary>What the command line asks for: one suite, whether to add the JSON line and run short, and the suite's own numeric options.</summary>
public sealed record BenchmarkArguments(string Suite, bool Json, bool Quick)
{
    /// <summary>The numeric options suites may take (<c>--faults 12</c>); a suite that takes none rejects them.</summary>
    public static readonly IReadOnlyList<string> NumericOptions = ["--faults", "--seed", "--workers", "--steady"];

    /// <summary>The numeric options given, by name with its dashes.</summary>
    public IReadOnlyDictionary<string, int> Numbers { get; init; } = new Dictionary<string, int>();

    public const string Usage =
        "usage: dotnet run -c Release --project tests/Aurora.Reactive.Benchmarks -- <suite> [--json] [--quick] [--faults N] [--seed S] [--workers W] [--steady T]\n" +
        "  suites: overhead, failover, efm, scale, failover-mysql, efm-mysql (the last two on the MariaDB kit, over MySqlConnector), chaos\n" +
        "  --faults N, --seed S, --workers W   chaos only: N faults drawn with seed S, W writers per client kind (defaults 12, 16, 4)\n" +
        "  --steady T   chaos only: T to T+2 s of steady writing before each fault instead of 1 to 3 s (over 30 s, faults find the topology monitor in its slow mode)\n" +
        "  --json   print one JSON line with the suite's figures at the end\n" +
        "  --quick  a short smoke run (numbers not meaningful)";

    public static BenchmarkArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> suites)
    {
        string? suite = null;
        var json = false;
        var quick = false;
        var numbers = new Dictionary<string, int>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case var option when NumericOptions.Contains(option):
                    if (numbers.ContainsKey(option))
                    {
                        throw new UsageException($"argument '{option}' is given twice.");
                    }

                    if (i + 1 >= args.Count || !int.TryParse(args[i + 1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    {
                        throw new UsageException($"option '{option}' needs a whole number after it; it got '{(i + 1 < args.Count ? args[i + 1] : "nothing")}'.");
                    }

                    numbers[option] = value;
                    i++;
                    break;
                case "--json" when !json:
                    json = true;
                    break;
                case "--quick" when !quick:
                    quick = true;
                    break;
                case "--json" or "--quick":
                    throw new UsageException($"argument '{arg}' is given twice.");
                case var flag when flag.StartsWith('-'):
                    throw new UsageException($"unknown option '{flag}'; the options are --json, --quick, {string.Join(", ", NumericOptions)}.");
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
            : new BenchmarkArguments(suite, json, quick) { Numbers = numbers };
    }
}
