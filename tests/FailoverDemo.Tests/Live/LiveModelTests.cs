using Aurora.Reactive.Monitoring;
using FailoverDemo.Live;

namespace FailoverDemo.Tests.Live;

public sealed class LiveModelTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static LiveModel Fed(params DemoEvent[] events)
    {
        var model = new LiveModel(eventsShown: 3, secondsShown: 5);
        foreach (var demoEvent in events)
        {
            model.Apply(demoEvent);
        }

        return model;
    }

    private static TopologyReported Topology(TimeSpan at, string writer, params string[] readers) => new(
        at,
        writer,
        [new TopologyHost($"{writer}:5432", writer, "Writer"), .. readers.Select(r => new TopologyHost($"{r}:5432", r, "Reader"))]);

    [Fact]
    public void Screen_NoEvents_ShowsStartingWithNoHostsAndNoWriter()
    {
        var screen = Fed().Screen(Ms(0));

        Assert.Equal("starting", screen.Phase);
        Assert.Null(screen.Writer);
        Assert.Empty(screen.Hosts);
        Assert.Equal(0, screen.WritesPerSecond);
        Assert.Equal([0], screen.RecentRates);
        Assert.Null(screen.Summary);
    }

    [Fact]
    public void Screen_TopologyAndHealth_EachHostCarriesRoleAndLatestHealth()
    {
        var screen = Fed(
            Topology(Ms(100), "a", "b", "c"),
            new HostHealthReported(Ms(200), "a:5432", "a", HostHealthStatus.Healthy, 0, Ms(1.5)),
            new HostHealthReported(Ms(300), "b:5432", "b", HostHealthStatus.Healthy, 0, Ms(2)),
            new HostHealthReported(Ms(400), "a:5432", "a", HostHealthStatus.Suspect, 1, null))
            .Screen(Ms(500));

        Assert.Equal("a", screen.Writer);
        Assert.Equal(
            [
                new HostRow("a", "a:5432", "Writer", HostHealthStatus.Suspect, 1, null),
                new HostRow("b", "b:5432", "Reader", HostHealthStatus.Healthy, 0, Ms(2)),
                new HostRow("c", "c:5432", "Reader", HostHealthStatus.Unknown, 0, null),
            ],
            screen.Hosts);
        Assert.Equal("-", screen.Hosts[0].Probe);
        Assert.Equal("2.0 ms", screen.Hosts[1].Probe);
    }

    [Fact]
    public void Screen_WriterCrashedAndPromoted_NewWriterShownAndOldHostLeftUnhealthy()
    {
        var screen = Fed(
            Topology(Ms(100), "a", "b"),
            new HostHealthReported(Ms(1_000), "a:5432", "a", HostHealthStatus.Unhealthy, 2, null),
            Topology(Ms(1_200), "b"))
            .Screen(Ms(1_300));

        Assert.Equal("b", screen.Writer);
        Assert.Equal(new HostRow("a", "a:5432", "left", HostHealthStatus.Unhealthy, 2, null), screen.Hosts[0]);
        Assert.Equal("Writer", screen.Hosts[1].Role);
    }

    [Fact]
    public void Screen_WritesOverSeconds_RatePerWholeSecondAndSparklineWithGapForDowntime()
    {
        var events = new List<DemoEvent>();
        events.AddRange(Enumerable.Range(0, 10).Select(i => new WriteAcknowledged(Ms(i * 100))));
        events.AddRange(Enumerable.Range(0, 5).Select(i => new WriteAcknowledged(Ms(1_000 + (i * 100)))));
        events.AddRange(Enumerable.Range(0, 10).Select(i => new WriteAcknowledged(Ms(3_000 + (i * 50)))));

        var screen = Fed([.. events]).Screen(Ms(3_500));

        Assert.Equal([10, 5, 0, 10], screen.RecentRates);
        Assert.Equal("█▄ █", screen.Sparkline);
        Assert.Equal(10, screen.WritesPerSecond);
        Assert.Equal(25, screen.Acknowledged);
    }

    [Fact]
    public void Screen_LongRun_RatesKeepOnlyTheLatestSeconds()
    {
        var screen = Fed([.. Enumerable.Range(0, 10).Select(s => new WriteAcknowledged(TimeSpan.FromSeconds(s + 0.5)))]).Screen(TimeSpan.FromSeconds(9.9));

        Assert.Equal([1, 1, 1, 1, 1], screen.RecentRates);
    }

    [Fact]
    public void Screen_WritesStartLate_RatesStartAtTheFirstWrite()
    {
        var screen = Fed(new WriteAcknowledged(Ms(3_200)), new WriteAcknowledged(Ms(4_200)), new WriteAcknowledged(Ms(4_300))).Screen(Ms(4_500));

        Assert.Equal([1, 2], screen.RecentRates);
        Assert.Equal("▄█", screen.Sparkline);
    }

    [Fact]
    public void Screen_WritesInLastSecond_ProratesThePreviousSecond()
    {
        var screen = Fed([.. Enumerable.Range(0, 10).Select(i => new WriteAcknowledged(Ms(i * 100)))]).Screen(Ms(1_250));

        // (0.25 s, 1.25 s]: three quarters of second 0's ten writes, none yet in second 1.
        Assert.Equal(8, screen.WritesPerSecond);
    }

    [Fact]
    public void Screen_FailoverEventsArrive_LatestOnesInArrivalOrder()
    {
        var screen = Fed(
            new TimelineNoted(Ms(100), "workload started"),
            new TimelineNoted(Ms(2_000), "FAULT: crash the writer a"),
            new TimelineNoted(Ms(2_500), "cluster: promoted b in 480 ms"),
            new TimelineNoted(Ms(2_700), "client: connected to new writer b after 700 ms"),
            new PhaseChanged(Ms(2_800), "crash: steady writes on b"))
            .Screen(Ms(3_000));

        Assert.Equal(["FAULT: crash the writer a", "cluster: promoted b in 480 ms", "client: connected to new writer b after 700 ms"], screen.RecentEvents.Select(e => e.What));
        Assert.Equal("crash: steady writes on b", screen.Phase);
    }

    [Fact]
    public void Screen_CallerErrorsAndSummary_CountedAndShownAtTheEnd()
    {
        var summary = SampleRuns.Summary();
        var screen = Fed(
            new CallerErrorSeen(Ms(2_100), "FailoverSuccessException: moved"),
            new CallerErrorSeen(Ms(2_200), "FailoverSuccessException: moved"),
            new RunSummarized(Ms(9_000), summary))
            .Screen(Ms(9_000));

        Assert.Equal(2, screen.Errors);
        Assert.Same(summary, screen.Summary);
    }
}
