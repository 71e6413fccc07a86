using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Client;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Failover;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Diagnostics;

/// <summary>
/// Each fact the library reports, seen through all four outputs at once (a capturing logger, a <c>MeterListener</c>, an
/// <c>ActivityListener</c>, the client's events): they name the same host and outcome at the same virtual time.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class AuroraTelemetryTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task FailoverStarted_TheLogLineAndTheEventNameTheLostNodeAtTheSameTime()
    {
        await using var run = await ClientFailover.RunAsync();

        var started = run.Capture.Event(AuroraClientEventKind.FailoverStarted);
        var line = run.Capture.Log(7001);
        Assert.Equal(FakeCluster.Node1.Endpoint, started.Host!.Endpoint);
        Assert.Equal(started.Host!.ToString(), line.State["Host"]);
        Assert.Equal(started.Time, line.At);
        Assert.Equal(run.FaultAt, started.Time);
        Assert.Same(started.Error, line.Error);
    }

    [Fact]
    public async Task ConnectionMoved_TheLogLineAndTheEventNameTheNewNodeAndTheTimeSinceTheFault()
    {
        await using var run = await ClientFailover.RunAsync();

        var moved = run.Capture.Event(AuroraClientEventKind.WriterFound);
        var line = run.Capture.Log(7002);
        Assert.Equal(FakeCluster.Node2.Endpoint, moved.Host!.Endpoint);
        Assert.Equal(moved.Host!.ToString(), line.State["Host"]);
        Assert.Equal(moved.Time, line.At);
        Assert.Equal(run.FaultAt + run.Pause, moved.Time);
        Assert.Equal(run.FaultAt + run.Pause, run.Capture.Event(AuroraClientEventKind.FailoverFinished).Time);
        Assert.Equal(run.Pause, moved.Duration);
        Assert.Equal(run.Pause.TotalMilliseconds, line.State["ElapsedMs"]);
    }

    [Fact]
    public async Task UnitRerun_TheLogLineTheCounterAndTheEventAgree()
    {
        await using var run = await ClientFailover.RunAsync();

        // One re-run per interrupted attempt (the attempts before the new writer answers fail too).
        var reruns = run.Capture.Events.Where(e => e.Kind == AuroraClientEventKind.UnitRerun).ToList();
        var lines = run.Capture.Logs.Where(l => l.Id.Id == 7005).ToList();
        var counted = run.Capture.Measurements.Where(m => m.Instrument == "aurora.unit.reruns").ToList();
        Assert.NotEmpty(reruns);
        Assert.Equal(reruns.Select(e => e.Time), lines.Select(l => l.At));
        Assert.Equal(reruns.Select(e => e.Time), counted.Select(m => m.At));
        Assert.All(counted, m => Assert.Equal(1.0, m.Value));
        Assert.Equal(Enumerable.Range(1, reruns.Count).Cast<object?>(), lines.Select(l => l.State["Attempt"]));
        Assert.Equal(reruns.Select(e => (object?)e.Error!.GetType().Name), lines.Select(l => l.State["ErrorType"]));
    }

    [Fact]
    public async Task FailoverFinished_TheLogLineTheMeasurementsAndTheEventAgreeOnTheDowntime()
    {
        await using var run = await ClientFailover.RunAsync();

        var finished = run.Capture.Event(AuroraClientEventKind.FailoverFinished);
        var line = run.Capture.Log(7003);
        var counted = Assert.Single(run.Capture.Measurements, m => m.Instrument == "aurora.failovers" && Equals(m.Tags["outcome"], "succeeded"));
        var duration = run.Capture.Measurement("aurora.failover.duration");
        Assert.Equal(FakeCluster.Node2.Endpoint, finished.Host!.Endpoint);
        Assert.Equal(run.Pause, finished.Duration);
        Assert.Equal((finished.Time, finished.Time, finished.Time), (line.At, counted.At, duration.At));
        Assert.Equal(("succeeded", 1.0), (counted.Tags["outcome"], counted.Value));
        Assert.Equal(run.Pause.TotalMilliseconds, duration.Value);
        Assert.Equal(run.Pause.TotalMilliseconds, line.State["DowntimeMs"]);
    }

    [Fact]
    public async Task FailoverFailed_TheLogLineTheCounterAndTheEventNameTheLostNode()
    {
        var cluster = Unique("failed");
        var scheduler = new TestScheduler();
        using var capture = new TelemetryCapture(scheduler, cluster);
        var options = AuroraClientOptions.Default with { FailoverTimeout = TimeSpan.FromSeconds(2), MaxAttempts = 1000 };
        await using var harness = new ClientHarness(options, clusterKey: cluster, loggerFactory: capture.LoggerFactory, scheduler: scheduler);
        capture.Watch(harness.Client.Events);
        harness.Handler.Target = null;
        scheduler.AdvanceBy(Start);
        harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
        scheduler.AdvanceInline(TimeSpan.FromSeconds(2));
        Assert.True(call.IsCompleted, "the call ended at the failover timeout");
        await Assert.ThrowsAsync<FailoverFailedException>(() => call);

        // Each attempt that finds no node is one failed failover, in all three outputs.
        var failed = capture.Events.Where(e => e.Kind == AuroraClientEventKind.FailoverFailed).ToList();
        var lines = capture.Logs.Where(l => l.Id.Id == 7004).ToList();
        var counted = capture.Measurements.Where(m => m.Instrument == "aurora.failovers").ToList();
        Assert.NotEmpty(failed);
        Assert.Equal(failed.Select(e => e.Time), lines.Select(l => l.At));
        Assert.Equal(failed.Select(e => e.Time), counted.Select(m => m.At));
        Assert.All(failed, e => Assert.Equal(FakeCluster.Node1.Endpoint, e.Host!.Endpoint));
        Assert.Equal(failed.Select(e => (object?)e.Host!.ToString()), lines.Select(l => l.State["Host"]));
        Assert.All(counted, m => Assert.Equal("failed", m.Tags["outcome"]));
        Assert.DoesNotContain(capture.Measurements, m => m.Instrument == "aurora.failover.duration");
    }

    [Fact]
    public void CommitOutcomeResolved_TheLogLineAndTheEventNameTheWriterAskedAndTheOutcome()
    {
        var (scheduler, capture, telemetry) = Owner("commit");
        using var _ = capture;
        using var __ = telemetry;

        telemetry.CommitOutcomeResolved(42, CommitOutcome.Committed, FakeCluster.Node1, FakeCluster.Node2);

        var resolved = capture.Event(AuroraClientEventKind.CommitOutcomeResolved);
        var line = capture.Log(7007);
        Assert.Equal((FakeCluster.Node2, scheduler.Now), (resolved.Host, resolved.Time));
        Assert.Equal((42L, "Committed", FakeCluster.Node2.ToString(), scheduler.Now), ((long)line.State["TransactionId"]!, line.State["Outcome"], line.State["Host"], line.At));
        Assert.Contains("Committed", resolved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriterChanged_TheLogLineAndTheEventNameBothWriters()
    {
        var (scheduler, capture, telemetry) = Owner("writer");
        using var _ = capture;
        using var __ = telemetry;

        telemetry.WriterChanged(FakeCluster.Node1, FakeCluster.Node2);

        var changed = capture.Event(AuroraClientEventKind.WriterChanged);
        var line = capture.Log(7008);
        Assert.Equal((FakeCluster.Node2, scheduler.Now), (changed.Host, changed.Time));
        Assert.Equal((FakeCluster.Node1.ToString(), FakeCluster.Node2.ToString(), scheduler.Now), (line.State["OldWriter"], line.State["NewWriter"], line.At));
    }

    [Fact]
    public void MonitorError_TheLogLineAndTheEventCarryTheSameError()
    {
        var (scheduler, capture, telemetry) = Owner("monitor");
        using var _ = capture;
        using var __ = telemetry;
        var error = new TimeoutException("n1:5432 did not answer");

        telemetry.MonitorError("topology: read timed out", error);

        var reported = capture.Event(AuroraClientEventKind.MonitorError);
        var line = capture.Log(7009);
        Assert.Same(error, reported.Error);
        Assert.Same(error, line.Error);
        Assert.Equal((reported.Message, scheduler.Now, scheduler.Now), (line.State["Description"], reported.Time, line.At));
    }

    [Fact]
    public void ConnectionFailover_TheSpanAndTheTwoLogLinesAgreeOnTheHostsTheOutcomeAndTheTimes()
    {
        var (scheduler, capture, telemetry) = Owner("coordinator");
        using var _ = capture;
        using var __ = telemetry;
        using var harness = new FailoverHarness(scheduler, telemetry: telemetry);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        harness.Crash("instance-1");
        harness.Cluster.Failover("instance-2");
        var startedAt = scheduler.Now;

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.True(failover.Done().Succeeded);
        var report = Assert.Single(harness.Reports);
        var span = capture.Span(AuroraActivities.FailoverName);
        var started = capture.Log(2001);
        var ended = capture.Log(2002);
        Assert.Equal(report.FailedHost.Endpoint, span.GetTagItem("aurora.failed_host"));
        Assert.Equal((report.FailedHost.Endpoint, startedAt), (started.State["Host"], started.At));
        Assert.Equal(startedAt.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(report.Duration, span.Duration);
        Assert.Equal((report.FailedHost.Endpoint, report.NewHost!.Endpoint, "succeeded"), (ended.State["Host"], ended.State["NewHost"], ended.State["Outcome"]));
        Assert.Equal((report.NewHost.Endpoint, "succeeded"), (span.GetTagItem("aurora.new_host"), span.GetTagItem("aurora.outcome")));
        Assert.Equal(startedAt + report.Duration, ended.At);
        Assert.Equal(report.Duration.TotalMilliseconds, ended.State["ElapsedMs"]);
        Assert.Empty(capture.Events); // a connection's failover is the client's episode, reported there
    }

    [Fact]
    public void TopologyRefreshed_EachFastReadLeavesOneSpanAndOneLogLineWithTheSameTimesAndOutcome()
    {
        var (scheduler, capture, telemetry) = Owner("topology");
        using var _ = capture;
        using var __ = telemetry;
        using var harness = new FailoverHarness(scheduler, telemetry: telemetry);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));
        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        var spans = capture.Spans.Where(s => s.OperationName == AuroraActivities.TopologyRefreshName).OrderBy(s => s.StartTimeUtc).ToList();
        var lines = capture.Logs.Where(l => l.Id.Id == 3001).ToList();
        Assert.NotEmpty(spans);
        Assert.Equal(spans.Count, lines.Count);
        Assert.Equal(spans.Select(s => s.StartTimeUtc + s.Duration), lines.Select(l => l.At.UtcDateTime));
        Assert.Equal(spans.Select(s => s.GetTagItem("aurora.via")), lines.Select(l => l.State["Host"]));
        Assert.All(lines, l => Assert.Equal("succeeded", l.State["Outcome"]));
        Assert.All(spans, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
    }

    [Fact]
    public async Task Verdict_TheLogLineTheAbortTheSpanAndTheEventNameTheFrozenNodeAtTheVerdictTime()
    {
        await using var run = await FrozenCommand.RunAsync("verdict-secret");

        var verdict = run.Capture.Event(AuroraClientEventKind.HostDeclaredDead);
        var line = run.Capture.Log(1003);
        var abort = run.Capture.Measurement("aurora.aborts");
        var span = run.Capture.Span(AuroraActivities.VerdictName);
        Assert.Equal(run.Node.Endpoint, verdict.Host!.Endpoint);
        Assert.Equal(run.FrozenAt + FrozenCommand.VerdictAfterFrozen, verdict.Time);
        Assert.Equal((run.Node.Endpoint, verdict.Time), (line.State["Host"], line.At));
        Assert.Equal((run.Node.Endpoint, verdict.Time, 1.0), (abort.Tags["host"], abort.At, abort.Value));
        Assert.Equal((run.Node.Endpoint, verdict.Time.UtcDateTime), (span.GetTagItem("aurora.host"), span.StartTimeUtc + span.Duration));
        Assert.Equal((long)FrozenCommand.Detection.DeadAfterFrozen.TotalMilliseconds, line.State["ElapsedMs"]);
        Assert.Equal(true, line.State["FailoverLoaded"]);
    }

    [Fact]
    public async Task Password_NeverAppearsInAnyOutput()
    {
        const string secret = "pa55-Zq9-never-logged";
        await using var run = await FrozenCommand.RunAsync(secret);

        Assert.NotEmpty(run.Capture.Logs);
        Assert.NotEmpty(run.Capture.Measurements);
        Assert.NotEmpty(run.Capture.Spans);
        Assert.NotEmpty(run.Capture.Events);
        Assert.All(run.Capture.AllText(), text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Password_NeverAppearsInAnyOutputOfAClientFailover()
    {
        const string secret = "pa55-Kx4-client-failover";
        await using var run = await ClientFailover.RunAsync($"Host=n1;Port=5432;Username=app;Password={secret}");

        Assert.Contains(secret, run.Harness.Factory.ReceivedConnectionString, StringComparison.Ordinal); // the driver had it
        Assert.Contains(run.Capture.Events, e => e.Kind == AuroraClientEventKind.FailoverFinished);
        Assert.NotEmpty(run.Capture.Logs);
        Assert.NotEmpty(run.Capture.Measurements);
        Assert.All(run.Capture.AllText().Concat(run.Harness.Events.Select(e => $"{e} {e.Host} {e.Error}")), text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, run.Harness.DataSource.ConnectionString, StringComparison.Ordinal);
    }

    private static string Unique(string name) => $"telemetry-{name}-{Guid.NewGuid():N}";

    private static (TestScheduler Scheduler, TelemetryCapture Capture, AuroraTelemetry Telemetry) Owner(string name)
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceBy(Start);
        var capture = new TelemetryCapture(scheduler, Unique(name));
        var telemetry = new AuroraTelemetry(capture.LoggerFactory, scheduler, capture.Cluster);
        capture.Watch(telemetry.Events);
        return (scheduler, capture, telemetry);
    }
}
