using System.Diagnostics;
using ScottPlot;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// The failover suite as a picture: one panel per client, on one time axis, with the client's successful
/// writes per 100 ms, every fault (red) and promotion (dashed green), and the client's downtime shaded.
/// </summary>
public static class FailoverTimelinePlot
{
    public const int Width = 1400;
    public const int PanelHeight = 190;

    private static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(100);

    /// <summary>Draws the loops' writes across <paramref name="results"/> and saves the PNG at <paramref name="path"/>.</summary>
    /// <remarks>A client over the cap (no write within <paramref name="cap"/> of a fault) is shaded for the whole cap.</remarks>
    public static void Save(IReadOnlyList<WriteLoop> loops, IReadOnlyList<FaultResult> results, long startedAt, TimeSpan cap, string title, string path)
    {
        var end = Seconds(startedAt, Stopwatch.GetTimestamp());
        var multiplot = new Multiplot();
        multiplot.AddPlots(loops.Count);
        var highest = 1.0;
        for (var i = 0; i < loops.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var label = loops[i].Client.Label;
            foreach (var result in results)
            {
                if (result.DowntimeSeconds.TryGetValue(label, out var downtime) && !result.NotReady.Contains(label))
                {
                    var from = Seconds(startedAt, result.FaultAt);
                    var span = plot.Add.HorizontalSpan(from, Math.Min(end, from + (downtime ?? cap.TotalSeconds)));
                    span.FillStyle.Color = Color.FromHex("#d62728").WithAlpha(0.18);
                    span.LineStyle.Width = 0;
                }
            }

            var counts = PerBucket(loops[i].Successes, startedAt, end);
            highest = Math.Max(highest, counts.Max());
            var writes = plot.Add.Scatter(counts.Select((_, b) => b * Bucket.TotalSeconds).ToArray(), counts);
            writes.ConnectStyle = ConnectStyle.StepHorizontal;
            writes.MarkerSize = 0;
            writes.Color = Color.FromHex("#1f77b4");
            writes.FillY = true;
            writes.FillYColor = writes.Color.WithAlpha(0.35);
            foreach (var result in results)
            {
                Marker(plot, Seconds(startedAt, result.FaultAt), Colors.Red, LinePattern.Solid);
                Marker(plot, Seconds(startedAt, result.PromotedAt), Colors.Green, LinePattern.Dashed);
            }

            plot.Title(label, size: 13);
            plot.YLabel("writes / 100 ms", size: 11);
            if (i == 0)
            {
                plot.Title($"{title}\n{label}", size: 13);
            }

            if (i == loops.Count - 1)
            {
                plot.XLabel("seconds since the suite started (red: fault, dashed green: promotion, shaded: the client's downtime, up to the cap)");
            }
        }

        for (var i = 0; i < loops.Count; i++)
        {
            multiplot.GetPlot(i).Axes.SetLimits(0, end, 0, highest * 1.1);
        }

        multiplot.SharedAxes.ShareX(multiplot.GetPlots());
        multiplot.SavePng(path, Width, PanelHeight * loops.Count);
    }

    private static void Marker(ScottPlot.Plot plot, double x, Color colour, LinePattern pattern)
    {
        var line = plot.Add.VerticalLine(x);
        line.Color = colour;
        line.LineWidth = 1.5f;
        line.LinePattern = pattern;
    }

    private static double[] PerBucket(IReadOnlyList<long> successes, long startedAt, double end)
    {
        var counts = new double[Math.Max(1, (int)Math.Ceiling(end / Bucket.TotalSeconds))];
        foreach (var at in successes)
        {
            var index = (int)(Seconds(startedAt, at) / Bucket.TotalSeconds);
            if (index >= 0 && index < counts.Length)
            {
                counts[index]++;
            }
        }

        return counts;
    }

    private static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;
}
