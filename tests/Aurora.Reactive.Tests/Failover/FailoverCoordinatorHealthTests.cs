using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>Failure monitoring's verdicts in the coordinator's policies, in virtual time.</summary>
public sealed class FailoverCoordinatorHealthTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(1000, 1000, 2, 60_000);

    [Fact]
    public async Task FailOverAsync_ReaderDeclaredDeadByTheDataSourcesMonitors_IsSkippedAndUsedAgainOnceHealthy()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, mode: FailoverMode.ReaderOrWriter);
        var prober = new SimulatedHostProber(scheduler, SimulatedAnswer.FailAfterMs(10));
        await using var dataSource = AuroraDataSource.Create("cluster.test:5432", new FakeDriver(), new AuroraConnectionSettings
        {
            FailoverHandler = harness.Coordinator,
            HostMonitoring = new HostMonitoringSettings { Detection = Detection, Scheduler = scheduler, ProberFactory = (_, _) => prober },
        });
        scheduler.AdvanceBy(Second);
        using var command = dataSource.Monitors!.WatchCommand(harness.Reader("instance-3"), Detection).Subscribe(_ => { });
        scheduler.AdvanceBy(TimeSpan.FromSeconds(3));
        Assert.True(dataSource.IsDead(harness.Reader("instance-3")));
        var attempts = Record(harness);
        harness.Crash("instance-2");

        // instance-3 comes first among the readers; declared dead, it is skipped for the failed reader, then the writer.
        var skipping = harness.FailOver(harness.Reader("instance-2"));
        scheduler.AdvanceBy(Second);

        Assert.Equal("instance-1", skipping.Done().Host?.InstanceId);
        Assert.Equal(["instance-2", "instance-1"], attempts);

        // The next command on instance-3 has it probed again (its verdict is no longer fresh), and the probe answers.
        prober.Behavior = SimulatedAnswer.OkAfterMs(10);
        using var next = dataSource.Monitors.WatchCommand(harness.Reader("instance-3"), Detection).Subscribe(_ => { });
        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));
        Assert.False(dataSource.IsDead(harness.Reader("instance-3")));
        attempts.Clear();

        var recovered = harness.FailOver(harness.Reader("instance-2"));
        scheduler.AdvanceBy(Second);

        Assert.Equal("instance-3", recovered.Done().Host?.InstanceId);
        Assert.Equal(["instance-3"], attempts);
    }

    // Monitoring probes only while a command runs: a verdict on a node no command uses is revised by the topology monitor
    // hearing from the node (here the writer, the monitoring node) after the verdict.
    [Fact]
    public void TopologyReadAnsweredByANodeAfterItsVerdict_ClearsTheVerdict()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        var verdicts = new List<HostHealth>();
        using var watch = harness.Coordinator.Verdicts.Subscribe(verdicts.Add);
        harness.DeclareDead("instance-1");
        var declaredAt = scheduler.Now;
        Assert.True(harness.Coordinator.IsDead(harness.Writer("instance-1")));

        harness.Monitor.RequestFastRefresh();
        scheduler.AdvanceBy(Second);

        Assert.False(harness.Coordinator.IsDead(harness.Writer("instance-1")));
        Assert.Equal([HostHealthStatus.Unhealthy, HostHealthStatus.Healthy], verdicts.Select(v => v.Status));
        Assert.InRange(verdicts[1].Time, declaredAt + TimeSpan.FromTicks(1), declaredAt + TimeSpan.FromMilliseconds(1));
    }

    // A transient verdict on a node whose role does not change (a reader connection reset, both readers declared dead): the
    // policy tries them anyway, at once, instead of waiting out the failover timeout.
    [Fact]
    public void FailOverAsync_EveryCandidateDeclaredDead_TriesThemAtOnce()
    {
        var withVerdicts = StrictReaderFailover(declareDead: ["instance-2", "instance-3"]);
        var without = StrictReaderFailover(declareDead: []);

        Assert.Equal("instance-3", withVerdicts.Host);
        Assert.Equal(without, withVerdicts);
        Assert.True(withVerdicts.Duration < TimeSpan.FromMilliseconds(1), $"took {withVerdicts.Duration}");
    }

    [Fact]
    public void FailOverAsync_VerdictOnANodeNotAmongTheCandidates_AddsNoDelay()
    {
        var withVerdict = WriterCrashFailover(declareOldWriterDead: true);
        var without = WriterCrashFailover(declareOldWriterDead: false);

        Assert.Equal("instance-2", withVerdict.Host);
        Assert.Equal(without, withVerdict);
    }

    private static (string? Host, TimeSpan Duration) StrictReaderFailover(string[] declareDead)
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, mode: FailoverMode.StrictReader);
        scheduler.AdvanceBy(Second);
        foreach (var node in declareDead)
        {
            harness.DeclareDead(node);
        }

        var failover = harness.FailOver(harness.Reader("instance-2"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5));
        return (failover.Done().Host?.InstanceId, harness.Reports.Single().Duration);
    }

    private static (string? Host, TimeSpan Duration) WriterCrashFailover(bool declareOldWriterDead)
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        if (declareOldWriterDead)
        {
            harness.DeclareDead("instance-1");
        }

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(Second);
        harness.Cluster.Failover("instance-2");
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5));
        return (failover.Done().Host?.InstanceId, harness.Reports.Single().Duration);
    }

    private static List<string> Record(FailoverHarness harness)
    {
        var attempts = new List<string>();
        harness.Connector.Attempts.Subscribe(host => attempts.Add(host.InstanceId ?? host.Endpoint));
        return attempts;
    }
}
