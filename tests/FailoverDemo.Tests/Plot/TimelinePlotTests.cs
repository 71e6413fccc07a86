using FailoverDemo.Plot;
using ScottPlot;
using SkiaSharp;

namespace FailoverDemo.Tests.Plot;

public sealed class TimelinePlotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("failover-demo-plot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_SyntheticRun_PngOfExpectedSizeAndSvgBeside()
    {
        var png = Path.Combine(_directory, "timeline.png");

        var svg = TimelinePlot.Save(TimelinePicture.From(SampleRuns.Summary()), png);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(TimelinePlot.Width, bitmap.Width);
        Assert.Equal(TimelinePlot.Height, bitmap.Height);
        Assert.Equal(Path.Combine(_directory, "timeline.svg"), svg);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("crash instance-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_SyntheticRun_WritesDowntimeAndMarkersWhereTheyBelong()
    {
        var plot = TimelinePlot.Draw(TimelinePicture.From(SampleRuns.Summary()));
        var png = Path.Combine(_directory, "timeline.png");
        plot.SavePng(png, TimelinePlot.Width, TimelinePlot.Height);
        using var bitmap = SKBitmap.Decode(png);
        SKColor At(double seconds, double writes)
        {
            var pixel = plot.GetPixel(new Coordinates(seconds, writes));
            return bitmap.GetPixel((int)pixel.X, (int)pixel.Y);
        }

        // Writes every 10 ms: 10 per bucket, filled in blue; above the series, the white background (points off the grid lines).
        var write = At(1.23, 5.4);
        Assert.True(write.Blue > 150 && write.Blue - write.Red > 40, $"no write fill at 1 s: {write}");
        var above = At(1.23, 11.4);
        Assert.True(above.Red > 240 && above.Green > 240 && above.Blue > 240, $"not background above the series: {above}");

        // Downtime (2 s to 2.8 s, 5 s to 6 s): shaded light red, no write fill.
        foreach (var seconds in new[] { 2.65, 5.3 })
        {
            var shade = At(seconds, 5.4);
            Assert.True(shade.Red > 240 && shade.Green is > 190 and < 240 && shade.Blue is > 190 and < 240, $"no downtime shading at {seconds} s: {shade}");
        }

        // Fault markers red, promotion markers green, within two pixels of their time.
        Assert.True(Near(plot, bitmap, 2, 3, c => c.Red > 200 && c.Green < 80 && c.Blue < 80), "no red fault line at 2 s");
        Assert.True(Near(plot, bitmap, 5.6, 3, c => c.Green > 100 && c.Red < 60 && c.Blue < 60), "no green promotion line at 5.6 s");
    }

    private static bool Near(ScottPlot.Plot plot, SKBitmap bitmap, double seconds, double writes, Func<SKColor, bool> match)
    {
        var pixel = plot.GetPixel(new Coordinates(seconds, writes));
        return Enumerable.Range(-2, 5).Any(dx => match(bitmap.GetPixel((int)pixel.X + dx, (int)pixel.Y)));
    }
}
