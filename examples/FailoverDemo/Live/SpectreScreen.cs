using Aurora.Reactive.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FailoverDemo.Live;

/// <summary>Lays a <see cref="LiveScreen"/> out as Spectre.Console widgets: header, hosts, writes, events, and the summary at the end.</summary>
internal static class SpectreScreen
{
    public static IRenderable Render(LiveScreen screen)
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]Aurora.Reactive failover demo[/]  [grey]|[/]  {Markup.Escape(screen.Phase)}  [grey]|[/]  {screen.Elapsed.TotalSeconds:0.0} s"),
            new Markup($"Writer: {(screen.Writer is { } writer ? $"[bold green]{Markup.Escape(writer)}[/]" : "[grey]not read yet[/]")}"),
            Hosts(screen.Hosts),
            Writes(screen),
            Events(screen.RecentEvents),
        };
        if (screen.Summary is { } summary)
        {
            parts.Add(Summary(summary));
        }

        return new Rows(parts);
    }

    public static string HealthColour(HostHealthStatus status) => status switch
    {
        HostHealthStatus.Healthy => "green",
        HostHealthStatus.Suspect => "yellow",
        HostHealthStatus.Unhealthy => "red",
        _ => "grey",
    };

    private static Table Hosts(IReadOnlyList<HostRow> hosts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("hosts");
        table.AddColumns("instance", "endpoint", "role", "health");
        table.AddColumn(new TableColumn("fails").RightAligned());
        table.AddColumn(new TableColumn("probe").RightAligned());
        foreach (var host in hosts)
        {
            var role = host.Role == "Writer" ? "[bold]Writer[/]" : Markup.Escape(host.Role);
            table.AddRow(
                Markup.Escape(host.Name),
                Markup.Escape(host.Endpoint),
                role,
                $"[{HealthColour(host.Health)}]{host.Health}[/]",
                host.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Probe);
        }

        if (hosts.Count == 0)
        {
            table.AddRow("[grey]no host seen yet[/]", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return table;
    }

    private static Markup Writes(LiveScreen screen) => new(
        $"Writes/s [bold]{screen.WritesPerSecond,5}[/]  [cyan]{Markup.Escape(screen.Sparkline)}[/]  "
        + $"acknowledged [bold]{screen.Acknowledged}[/]  errors seen {(screen.Errors == 0 ? "0" : $"[red]{screen.Errors}[/]")}");

    private static Panel Events(IReadOnlyList<TimelineNoted> events)
    {
        var lines = events.Select(e => $"[grey]{e.At.TotalSeconds,7:0.000} s[/]  {Highlight(e.What)}").ToList();
        var body = lines.Count == 0 ? new Markup("[grey]nothing yet[/]") : new Markup(string.Join('\n', lines));
        return new Panel(body).Header("events").Border(BoxBorder.Rounded).Expand();
    }

    private static string Highlight(string what)
    {
        var escaped = Markup.Escape(what);
        return what switch
        {
            _ when what.StartsWith("FAULT", StringComparison.Ordinal) => $"[bold red]{escaped}[/]",
            _ when what.Contains("promoted", StringComparison.Ordinal) || what.Contains("new writer", StringComparison.Ordinal) => $"[green]{escaped}[/]",
            _ when what.Contains("error", StringComparison.OrdinalIgnoreCase) => $"[yellow]{escaped}[/]",
            _ => escaped,
        };
    }

    private static Rows Summary(DemoSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("summary");
        table.AddColumns("fault", "victim", "new writer");
        table.AddColumn(new TableColumn("downtime").RightAligned());
        foreach (var fault in summary.Faults)
        {
            table.AddRow(Markup.Escape(fault.Name), Markup.Escape(fault.Victim), Markup.Escape(fault.NewWriter ?? "-"), $"{fault.Downtime.TotalMilliseconds:0} ms");
        }

        var lost = summary.Lost == 0 ? "[bold green]0[/]" : $"[bold red]{summary.Lost}[/]";
        var errors = summary.CallerErrors.Count == 0 ? "0" : $"[yellow]{summary.CallerErrors.Count}[/]";
        return new Rows(
            table,
            new Markup($"{Markup.Escape(summary.Mode)}, scenario {Markup.Escape(summary.Scenario)}, {summary.Duration.TotalSeconds:0.0} s"),
            new Markup($"writes acknowledged [bold]{summary.Acknowledged}[/]   lost {lost} (checked on {Markup.Escape(summary.FinalWriter)})   "
                + $"applied without acknowledgement {summary.AppliedWithoutAcknowledgement}   errors seen {errors}"));
    }
}
