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
        using var callerSource = new ActivitySource("Aurora.Reactive.Tests.Caller." + Guid.NewGuid().ToString("N"));
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AuroraMetrics.MeterName || source.Name == callerSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        harness.Cluster.Failover("instance-2");

        FailoverReport report;
        ActivitySpanId callerSpan;
        using (var caller = callerSource.StartActivity("request")!)
        {
            callerSpan = caller.SpanId;
            var failover = harness.FailOver(harness.Writer("instance-1"));
            scheduler.AdvanceBy(Second);
            Assert.True(failover.Done().Succeeded);
            report = Assert.Single(harness.Reports);
        }

        var span = Assert.Single(stopped, a => a.OperationName == AuroraActivities.FailoverName && a.ParentSpanId == callerSpan);
        Assert.Equal(new DateTime(Second.Ticks, DateTimeKind.Utc), span.StartTimeUtc); // the virtual time of the request
        Assert.Equal(report.Duration, span.Duration);
        Assert.Equal("succeeded", span.GetTagItem("aurora.outcome"));
        Assert.Equal(report.NewHost!.Endpoint, span.GetTagItem("aurora.new_host"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        // The failover put the shared monitor in fast mode: its reads leave spans, none of them under the caller's.
        var refreshes = stopped.Where(a => a.OperationName == AuroraActivities.TopologyRefreshName && a.StartTimeUtc >= span.StartTimeUtc).ToList();
        Assert.NotEmpty(refreshes);
        Assert.All(refreshes, r => Assert.Equal(default, r.ParentSpanId));
    }

    [Fact]
    public void Failover_NoWriterEver_TheSpanEndsAtTheTimeoutWithAnErrorStatus()
    {
        using var callerSource = new ActivitySource("Aurora.Reactive.Tests.Caller." + Guid.NewGuid().ToString("N"));
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AuroraMetrics.MeterName || source.Name == callerSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");

        ActivitySpanId callerSpan;
        using (var caller = callerSource.StartActivity("request")!)
        {
            callerSpan = caller.SpanId;
            var failover = harness.FailOver(harness.Writer("instance-1"));
            scheduler.AdvanceBy(harness.Coordinator.Timing.Timeout + Second);
            Assert.False(failover.Done().Succeeded);
        }

        var span = Assert.Single(stopped, a => a.OperationName == AuroraActivities.FailoverName && a.ParentSpanId == callerSpan);
        Assert.Equal(harness.Coordinator.Timing.Timeout, span.Duration);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("failed", span.GetTagItem("aurora.outcome"));
    }
}
