using FailoverDemo.Plot;

namespace FailoverDemo.Tests.Plot;

public sealed class TimelinePictureTests
{
    [Fact]
    public void From_Summary_FaultAndPromotionMarkersAndDowntimeWindows()
    {
        var picture = TimelinePicture.From(SampleRuns.Summary());

        Assert.Equal(
            [
                new TimelineMarker(TimeSpan.FromSeconds(2), "crash instance-1", true),
                new TimelineMarker(TimeSpan.FromSeconds(2.5), "promoted instance-2", false),
                new TimelineMarker(TimeSpan.FromSeconds(5), "freeze instance-2", true),
                new TimelineMarker(TimeSpan.FromSeconds(5.6), "promoted instance-3", false),
            ],
            picture.Markers);
        Assert.Equal([(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.8)), (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6))], picture.Downtimes);
        Assert.Equal(TimeSpan.Zero, picture.Start);
    }

    [Fact]
    public void WritesPerBucket_SyntheticRun_TenPerBucketAndZeroDuringDowntime()
    {
        var counts = TimelinePicture.From(SampleRuns.Summary()).WritesPerBucket();

        Assert.Equal(80, counts.Length);
        Assert.All(counts[..20], c => Assert.Equal(10, c));
        Assert.All(counts[20..28], c => Assert.Equal(0, c));
        Assert.All(counts[28..50], c => Assert.Equal(10, c));
        Assert.All(counts[50..60], c => Assert.Equal(0, c));
    }

    [Fact]
    public void WritesPerBucket_WritesStartLate_AxisStartsHalfASecondBeforeOnABucketBoundary()
    {
        var picture = new TimelinePicture(
            "late",
            TimeSpan.FromSeconds(7.5),
            TimeSpan.FromSeconds(9),
            [TimeSpan.FromSeconds(8.05), TimeSpan.FromSeconds(8.07), TimeSpan.FromSeconds(8.95)],
            [],
            []);

        Assert.Equal(75, picture.FirstBucket);
        Assert.Equal([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1], picture.WritesPerBucket());
    }
}
