namespace FailoverDemo;

/// <summary>The command line: <c>--scenario crash|freeze|both</c>, <c>--json</c>, <c>--connection-string CS</c>, <c>--duration SECONDS</c>, <c>--writers N</c>.</summary>
internal sealed record DemoArguments(string Scenario, bool Json, string? ConnectionString, TimeSpan Duration, int Writers)
{
    public const string Usage =
        "usage: dotnet run --project examples/FailoverDemo -- [--scenario crash|freeze|both] [--json] [--writers N]\n"
        + "       dotnet run --project examples/FailoverDemo -- --connection-string \"Host=...;cluster_instance_host_pattern=...\" [--duration SECONDS] [--json]";

    public IReadOnlyList<string> Faults => Scenario switch
    {
        "crash" => ["crash"],
        "freeze" => ["freeze"],
        _ => ["crash", "freeze"],
    };

    public static DemoArguments Parse(string[] args)
    {
        var scenario = "both";
        var json = false;
        string? connectionString = null;
        var duration = TimeSpan.FromSeconds(30);
        var writers = 4;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario":
                    scenario = Value(args, ref i);
                    if (scenario is not ("crash" or "freeze" or "both"))
                    {
                        throw new ArgumentException($"--scenario is '{scenario}'; it must be crash, freeze or both.");
                    }

                    break;
                case "--json":
                    json = true;
                    break;
                case "--connection-string":
                    connectionString = Value(args, ref i);
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(Number(args, ref i, "--duration"));
                    break;
                case "--writers":
                    writers = Number(args, ref i, "--writers");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new DemoArguments(scenario, json, connectionString, duration, writers);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(string[] args, ref int i, string name)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{name} is '{text}'; it must be a positive whole number.");
    }
}
