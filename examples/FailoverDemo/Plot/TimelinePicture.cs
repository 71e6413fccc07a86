namespace FailoverDemo.Plot;

/// <summary>What the timeline picture shows: acknowledged writes over time, faults and promotions, downtime windows.</summary>
/// <param name="Start">Where the time axis starts: just before the first acknowledged write (the cluster's start-up is left out).</param>
/// <param name="Duration">Where the time axis ends: the end of the run.</param>
internal sealed record TimelinePicture(
    string Title,
    TimeSpan Start,
    TimeSpan Duration,
    IReadOnlyList<TimeSpan> AcknowledgedAt,
    IReadOnlyList<TimelineMarker> Markers,
    IReadOnlyList<(TimeSpan From, TimeSpan To)> Downtimes)
{
    /// <summary>The width of one bucket of the write series.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMilliseconds(100);

    /// <summary>How much of the time before the first write the picture shows.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(500);

    /// <summary>The index of the first bucket shown: buckets are aligned on whole multiples of <see cref="Bucket"/> from the start of the run.</summary>
    public int FirstBucket => (int)(Start / Bucket);

    public static TimelinePicture From(DemoSummary summary)
    {
        var markers = summary.Faults.SelectMany(f => f.PromotedAt is { } promoted
                ? new[] { new TimelineMarker(f.At, $"{f.Name} {f.Victim}", true), new TimelineMarker(promoted, $"promoted {f.NewWriter ?? "?"}", false) }
                : [new TimelineMarker(f.At, $"{f.Name} {f.Victim}", true)])
            .ToArray();
        return new TimelinePicture(
            $"FailoverDemo: scenario {summary.Scenario} on the {summary.Mode}, {summary.Acknowledged} writes acknowledged, {summary.Lost} lost",
            summary.AcknowledgedAt.Count == 0 ? TimeSpan.Zero : Floor(summary.AcknowledgedAt.Min() - Lead),
            summary.Duration,
            summary.AcknowledgedAt,
            markers,
            [.. summary.Faults.Select(f => (f.DowntimeFrom, f.DowntimeFrom + f.Downtime))]);
    }

    /// <summary>
    /// Acknowledged writes per <see cref="Bucket"/> from <see cref="Start"/> to <see cref="Duration"/>: element i counts
    /// [(FirstBucket + i)·100 ms, (FirstBucket + i + 1)·100 ms).
    /// </summary>
    public int[] WritesPerBucket()
    {
        var counts = new int[Math.Max(1, (int)Math.Ceiling(Duration / Bucket) - FirstBucket)];
        foreach (var at in AcknowledgedAt)
        {
            var index = (int)(at / Bucket) - FirstBucket;
            if (index >= 0 && index < counts.Length)
            {
                counts[index]++;
            }
        }

        return counts;
    }

    private static TimeSpan Floor(TimeSpan at) => at <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(at.TotalSeconds * 2) / 2);
}
