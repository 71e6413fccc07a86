using System.Collections.Concurrent;
using System.Diagnostics;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Failover;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Diagnostics;

public sealed class AuroraActivitiesTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Failover_OneSpanOnTheSchedulersClock_AChildOfTheCallersSpan_AndTheFastRefreshesAreRootSpans()
    {
        using var spans = new SpanRecorder();
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        harness.Cluster.Failover("instance-2");

        FailoverReport report;
        ActivitySpanId callerSpan;
        using (var caller = spans.Caller.StartActivity("request")!)
        {
            callerSpan = caller.SpanId;
            var failover = harness.FailOver(harness.Writer("instance-1"));
            scheduler.AdvanceBy(Second);
            Assert.True(failover.Done().Succeeded);
            report = Assert.Single(harness.Reports);
        }

        var span = Assert.Single(spans.Stopped, a => a.OperationName == AuroraActivities.FailoverName && a.ParentSpanId == callerSpan);
        Assert.Equal(new DateTime(Second.Ticks, DateTimeKind.Utc), span.StartTimeUtc); // the virtual time of the request
        Assert.Equal(report.Duration, span.Duration);
        Assert.Equal("succeeded", span.GetTagItem("aurora.outcome"));
        Assert.Equal(report.NewHost!.Endpoint, span.GetTagItem("aurora.new_host"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        // The failover put the shared monitor in fast mode: its reads leave spans, none of them under the caller's.
        var refreshes = spans.Stopped.Where(a => a.OperationName == AuroraActivities.TopologyRefreshName && a.StartTimeUtc >= span.StartTimeUtc).ToList();
        Assert.NotEmpty(refreshes);
        Assert.All(refreshes, r => Assert.Equal(default, r.ParentSpanId));
    }

    [Fact]
    public void Failover_NoWriterEver_TheSpanEndsAtTheTimeoutWithAnErrorStatus()
    {
        using var spans = new SpanRecorder();
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");

        ActivitySpanId callerSpan;
        using (var caller = spans.Caller.StartActivity("request")!)
        {
            callerSpan = caller.SpanId;
            var failover = harness.FailOver(harness.Writer("instance-1"));
            scheduler.AdvanceBy(harness.Coordinator.Timing.Timeout + Second);
            Assert.False(failover.Done().Succeeded);
        }

        var span = Assert.Single(spans.Stopped, a => a.OperationName == AuroraActivities.FailoverName && a.ParentSpanId == callerSpan);
        Assert.Equal(harness.Coordinator.Timing.Timeout, span.Duration);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("failed", span.GetTagItem("aurora.outcome"));
    }

    [Fact]
    public void Verdict_ARootSpanFromTheDetectionWindowToTheVerdict()
    {
        using var spans = new SpanRecorder();
        var host = new Aurora.Reactive.Hosts.HostSpec($"verdict-{Guid.NewGuid():N}.example", 5432);
        var windowOpened = new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero);
        var verdict = new Aurora.Reactive.Monitoring.HostDeclaredDead(host, windowOpened.AddSeconds(-30), windowOpened, windowOpened.AddSeconds(15), 3, FromSharedHealth: false);

        using (spans.Caller.StartActivity("request"))
        {
            AuroraActivities.RecordVerdict("verdict-cluster", verdict);
        }

        var span = Assert.Single(spans.Stopped, a => a.OperationName == AuroraActivities.VerdictName && Equals(a.GetTagItem("aurora.host"), host.Endpoint));
        Assert.Equal(windowOpened.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(15), span.Duration);
        Assert.Equal(3, span.GetTagItem("aurora.failed_probes"));
        Assert.Equal(default, span.ParentSpanId);
    }

    /// <summary>Records the library's spans and those of a caller source of its own (listeners are process-wide).</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;

        public SpanRecorder()
        {
            Caller = new ActivitySource("Aurora.Reactive.Tests.Caller." + Guid.NewGuid().ToString("N"));
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == AuroraMetrics.MeterName || source.Name == Caller.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public ActivitySource Caller { get; }

        public ConcurrentQueue<Activity> Stopped { get; } = new();

        public void Dispose()
        {
            _listener.Dispose();
            Caller.Dispose();
        }
    }
}
