namespace FailoverDemo;

/// <summary>
/// The command line: <c>--scenario crash|freeze|both</c>, <c>--json</c>, <c>--connection-string CS</c>,
/// <c>--duration SECONDS</c>, <c>--writers N</c>, <c>--plot PATH</c>.
/// </summary>
/// <param name="Plot">Where the timeline picture goes (PNG; an SVG is written beside it). The default is <see cref="DefaultPlot"/> in the current directory.</param>
internal sealed record DemoArguments(string Scenario, bool Json, string? ConnectionString, TimeSpan Duration, int Writers, string Plot)
{
    public const string DefaultPlot = "failover-timeline.png";

    public const string Usage =
        "usage: dotnet run --project examples/FailoverDemo -- [--scenario crash|freeze|both] [--json] [--writers N] [--plot PATH]\n"
        + "       dotnet run --project examples/FailoverDemo -- --connection-string \"Host=...;cluster_instance_host_pattern=...\" [--duration SECONDS] [--json] [--plot PATH]";

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
        var plot = DefaultPlot;
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
                case "--plot":
                    plot = PlotPath(Value(args, ref i));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new DemoArguments(scenario, json, connectionString, duration, writers, plot);
    }

    /// <summary>The picture's path, checked now rather than after a run of a minute: its directory must exist.</summary>
    private static string PlotPath(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.EndsWith('/') || text.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(text))
        {
            throw new ArgumentException($"--plot is '{text}'; it must name a file (for example {DefaultPlot}), not a directory.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(text));
        return directory is null || Directory.Exists(directory)
            ? text
            : throw new ArgumentException($"--plot is '{text}'; the directory '{directory}' does not exist.");
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(string[] args, ref int i, string name)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{name} is '{text}'; it must be a positive whole number.");
    }
}
