using ScottPlot;

namespace FailoverDemo.Plot;

/// <summary>Draws a <see cref="TimelinePicture"/> with ScottPlot and saves it as PNG, with an SVG next to it.</summary>
internal static class TimelinePlot
{
    public const int Width = 1200;
    public const int Height = 500;

    public static readonly Color WriteColour = Color.FromHex("#1f77b4");
    public static readonly Color DowntimeColour = Color.FromHex("#d62728").WithAlpha(0.18);

    /// <summary>Writes <paramref name="pngPath"/> and the same picture as SVG beside it; returns the SVG's path.</summary>
    public static string Save(TimelinePicture picture, string pngPath)
    {
        var plot = Draw(picture);
        plot.SavePng(pngPath, Width, Height);
        var svgPath = Path.ChangeExtension(pngPath, ".svg");
        plot.SaveSvg(svgPath, Width, Height);
        return svgPath;
    }

    public static ScottPlot.Plot Draw(TimelinePicture picture)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (from, to) in picture.Downtimes)
        {
            var span = plot.Add.HorizontalSpan(from.TotalSeconds, to.TotalSeconds);
            span.FillStyle.Color = DowntimeColour;
            span.LineStyle.Width = 0;
            span.LegendText = $"downtime {(to - from).TotalMilliseconds:0} ms";
        }

        var counts = picture.WritesPerBucket();
        var xs = counts.Select((_, i) => (picture.FirstBucket + i) * TimelinePicture.Bucket.TotalSeconds).ToArray();
        var top = Math.Max(1, counts.Max()) * 1.25;
        var writes = plot.Add.Scatter(xs, counts.Select(c => (double)c).ToArray());
        writes.ConnectStyle = ConnectStyle.StepHorizontal;
        writes.MarkerSize = 0;
        writes.LineWidth = 1.5f;
        writes.Color = WriteColour;
        writes.FillY = true;
        writes.FillYColor = WriteColour.WithAlpha(0.35);
        writes.LegendText = "acknowledged writes per 100 ms";

        for (var i = 0; i < picture.Markers.Count; i++)
        {
            var marker = picture.Markers[i];
            var colour = marker.IsFault ? Colors.Red : Colors.Green;
            var line = plot.Add.VerticalLine(marker.At.TotalSeconds);
            line.Color = colour;
            line.LineWidth = 2;
            line.LinePattern = marker.IsFault ? LinePattern.Solid : LinePattern.Dashed;

            // Labels inside the plot, just right of their line, a fault and its promotion on two levels.
            var label = plot.Add.Text(marker.Label, marker.At.TotalSeconds, top * (marker.IsFault ? 0.97 : 0.89));
            label.LabelFontSize = 12;
            label.LabelFontColor = Colors.White;
            label.LabelBackgroundColor = colour;
            label.LabelAlignment = Alignment.UpperLeft;
            label.LabelPadding = 3;
            label.OffsetX = 3;
        }

        plot.Title(picture.Title, size: 14);
        plot.XLabel("seconds since the start of the run");
        plot.YLabel("acknowledged writes per 100 ms");
        plot.Axes.SetLimitsX(picture.Start.TotalSeconds, Math.Max(picture.Start.TotalSeconds + 1, picture.Duration.TotalSeconds));
        plot.Axes.SetLimitsY(0, top);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
