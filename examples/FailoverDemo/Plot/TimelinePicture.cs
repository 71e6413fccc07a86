namespace FailoverDemo.Plot;

/// <summary>What the timeline picture shows: acknowledged writes over time, faults and promotions, downtime windows.</summary>
internal sealed record TimelinePicture(
    string Title,
    TimeSpan Duration,
    IReadOnlyList<TimeSpan> AcknowledgedAt,
    IReadOnlyList<TimelineMarker> Markers,
    IReadOnlyList<(TimeSpan From, TimeSpan To)> Downtimes)
{
    /// <summary>The width of one bucket of the write series.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(100);

    public static TimelinePicture From(DemoSummary summary)
    {
        var markers = summary.Faults.SelectMany(f => f.PromotedAt is { } promoted
                ? new[] { new TimelineMarker(f.At, $"{f.Name} {f.Victim}", true), new TimelineMarker(promoted, $"promoted {f.NewWriter ?? "?"}", false) }
                : [new TimelineMarker(f.At, $"{f.Name} {f.Victim}", true)])
            .ToArray();
        return new TimelinePicture(
            $"FailoverDemo: scenario {summary.Scenario} on the {summary.Mode}, {summary.Acknowledged} writes acknowledged, {summary.Lost} lost",
            summary.Duration,
            summary.AcknowledgedAt,
            markers,
            [.. summary.Faults.Select(f => (f.DowntimeFrom, f.DowntimeFrom + f.Downtime))]);
    }

    /// <summary>Acknowledged writes per <see cref="Bucket"/>, from 0 to <see cref="Duration"/>: bucket i counts [i·100 ms, (i+1)·100 ms).</summary>
    public int[] WritesPerBucket()
    {
        var counts = new int[Math.Max(1, (int)Math.Ceiling(Duration / Bucket))];
        foreach (var at in AcknowledgedAt)
        {
            var index = (int)(at / Bucket);
            if (index >= 0 && index < counts.Length)
            {
                counts[index]++;
            }
        }

        return counts;
    }
}
