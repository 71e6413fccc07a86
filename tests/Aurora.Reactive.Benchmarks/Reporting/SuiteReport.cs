using System.Text;
using System.Text.Json.Nodes;

namespace Aurora.Reactive.Benchmarks.Reporting;

/// <summary>What a suite measured: tables for people, notes on how, and figures for the JSON line.</summary>
public sealed class SuiteReport(string title)
{
    public string Title { get; } = title;

    public List<ReportTable> Tables { get; } = [];

    public List<string> Notes { get; } = [];

    public JsonObject Figures { get; } = [];

    /// <summary>What the run found wrong (a lost write, a leftover session): any makes the process exit with 1.</summary>
    public List<string> Failures { get; } = [];

    public string Render(RunEnvironment environment)
    {
        var text = new StringBuilder().Append("## ").AppendLine(Title).AppendLine();
        text.AppendLine($"Run {environment.StartedUtc:yyyy-MM-dd HH:mm} UTC on {environment.Summary}; load average at end {RunEnvironment.ReadLoadAverage()}.");
        text.AppendLine($"Command: `{environment.CommandLine}`").AppendLine();
        foreach (var table in Tables)
        {
            text.AppendLine(table.Render());
        }

        foreach (var note in Notes)
        {
            text.Append("- ").AppendLine(note);
        }

        return text.ToString();
    }
}
