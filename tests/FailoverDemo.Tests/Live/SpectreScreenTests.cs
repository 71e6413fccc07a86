using Aurora.Reactive.Monitoring;
using FailoverDemo.Live;
using Spectre.Console;

namespace FailoverDemo.Tests.Live;

public sealed class SpectreScreenTests
{
    private static string RenderToText(LiveScreen screen)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        console.Write(SpectreScreen.Render(screen));
        return output.ToString();
    }

    private static LiveScreen Screen(DemoSummary? summary) => new(
        TimeSpan.FromSeconds(10.5),
        "crash: steady writes on instance-2",
        "instance-2",
        [
            new HostRow("instance-1", "127.0.0.1:5001", "left", HostHealthStatus.Unhealthy, 3, null),
            new HostRow("instance-2", "127.0.0.1:5002", "Writer", HostHealthStatus.Healthy, 0, TimeSpan.FromMilliseconds(1.25)),
        ],
        120,
        [100, 0, 120],
        900,
        1,
        [new TimelineNoted(TimeSpan.FromSeconds(9), "FAULT: crash the writer instance-1 [sic]")],
        summary);

    [Fact]
    public void Render_RunningFrame_ShowsPhaseWriterHostsRateAndEvents()
    {
        var text = RenderToText(Screen(null));

        Assert.Contains("crash: steady writes on instance-2", text, StringComparison.Ordinal);
        Assert.Contains("Writer: instance-2", text, StringComparison.Ordinal);
        Assert.Contains("Unhealthy", text, StringComparison.Ordinal);
        Assert.Contains("1.3 ms", text, StringComparison.Ordinal);
        Assert.Contains("Writes/s   120", text, StringComparison.Ordinal);
        Assert.Contains("▇ █", text, StringComparison.Ordinal);
        Assert.Contains("FAULT: crash the writer instance-1 [sic]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("summary", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FinalFrame_ShowsSummaryPerFaultAndWriteAccounting()
    {
        var text = RenderToText(Screen(SampleRuns.Summary()));

        Assert.Contains("summary", text, StringComparison.Ordinal);
        Assert.Matches(@"crash\s*│\s*instance-1\s*│\s*instance-2\s*│\s*800 ms", text);
        Assert.Matches(@"freeze\s*│\s*instance-2\s*│\s*instance-3\s*│\s*1000 ms", text);
        Assert.Contains("writes acknowledged 620", text, StringComparison.Ordinal);
        Assert.Contains("lost 0 (checked on instance-3)", text, StringComparison.Ordinal);
        Assert.Contains("errors seen 1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HostHealthStatus.Healthy, "green")]
    [InlineData(HostHealthStatus.Suspect, "yellow")]
    [InlineData(HostHealthStatus.Unhealthy, "red")]
    [InlineData(HostHealthStatus.Unknown, "grey")]
    public void HealthColour_EachStatus_HasItsColour(HostHealthStatus status, string colour) =>
        Assert.Equal(colour, SpectreScreen.HealthColour(status));
}
