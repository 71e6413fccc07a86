// FailoverDemo: a steady write workload through AuroraClient while the writer crashes and then freezes,
// with a live view of each host's health and the topology, and a summary that proves no acknowledged write
// was lost. Run: dotnet run --project examples/FailoverDemo [-- --scenario crash|freeze|both] [--json]
using System.Diagnostics;
using FailoverDemo;

DemoArguments arguments;
try
{
    arguments = DemoArguments.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(DemoArguments.Usage);
    return 2;
}

var timeline = new Timeline(Stopwatch.StartNew());
DemoSummary summary;
var view = new LiveView(timeline, LiveView.IsInteractive);
await using (view)
{
    summary = arguments.ConnectionString is null
        ? await LocalRun.RunAsync(arguments, timeline, view)
        : await ClusterRun.RunAsync(arguments, timeline, view);
}

summary.Print(timeline);
if (arguments.Json)
{
    Console.WriteLine(summary.ToJson());
}

return summary.Lost == 0 ? 0 : 1;
