// FailoverDemo: a steady write workload through AuroraClient while the writer crashes and then freezes,
// with a live view of each host's health and the topology, a summary that proves no acknowledged write
// was lost, and a picture of the writes over time.
// Run: dotnet run --project examples/FailoverDemo [-- --scenario crash|freeze|both] [--json] [--plot PATH]
using System.Diagnostics;
using FailoverDemo;
using FailoverDemo.Plot;

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
var interactive = LiveView.IsInteractive;
DemoSummary summary;
var view = new LiveView(timeline, interactive);
await using (view)
{
    summary = arguments.ConnectionString is null
        ? await LocalRun.RunAsync(arguments, timeline, view)
        : await ClusterRun.RunAsync(arguments, timeline, view);
    view.Show(summary);
}

if (!interactive)
{
    summary.Print(timeline);
}

var svg = TimelinePlot.Save(TimelinePicture.From(summary), arguments.Plot);
Console.WriteLine($"Timeline picture: {Path.GetFullPath(arguments.Plot)} (and {Path.GetFullPath(svg)})");
if (arguments.Json)
{
    Console.WriteLine(summary.ToJson());
}

return summary.Lost == 0 ? 0 : 1;
