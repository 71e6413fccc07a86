using System.Reactive.Concurrency;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class TopologyMonitorProbingTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void FrozenMonitoringNode_TimesOutAndWriterConfirmedWithoutWaitingForItWithoutHedging()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.Options = new TopologyMonitorOptions { ReadHedgeDelay = null };
        var seeds = new[] { "instance-2", "instance-1", "instance-3" }.Select(id => h.Cluster.Node(id).Host);
        var monitor = h.StartMonitor(seeds);
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () => h.Cluster.Node("instance-2").NeverAnswers = true);

        h.AdvanceTo(S(33.1));

        var timeout = Assert.Single(h.EventsOf(TopologyMonitorEventKind.Error));
        Assert.IsType<TimeoutException>(timeout.Error);
        Assert.Equal(S(33), h.SinceStart(timeout));
        Assert.Equal("instance-1", monitor.MonitoringNode!.InstanceId);
        Assert.Equal(MonitorHarness.Start + S(33.1), monitor.Current!.ReadAt);
        Assert.Equal(0, h.Cluster.ActiveOperations);
        Assert.Single(h.Snapshots);
    }

    [Fact]
    public void FrozenMonitoringNode_Hedged_OtherNodesAskedAfterTheDelayAndTheNewWriterReadAtOnce()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").NeverAnswers = true;
            h.Cluster.Node("instance-1").IsReader = true;
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(10.2), () => h.Cluster.Node("instance-3").IsReader = false);

        h.AdvanceTo(S(14));

        // The read through instance-1 starts at 10 s; at 10.5 s the others are asked, and instance-3 says writer.
        var hedge = Assert.Single(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes));
        Assert.Equal(S(10.5), h.SinceStart(hedge));
        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Equal(S(10.5), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
        Assert.Equal("instance-3", monitor.MonitoringNode!.InstanceId);
        Assert.Empty(h.EventsOf(TopologyMonitorEventKind.Error)); // the late read was dropped, not timed out
    }

    [Fact]
    public void SuspectedNode_IdleSlowMonitor_ReadsAtOnceAndAsksTheOthersWithoutTheHedgeDelay()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").NeverAnswers = true;
            h.Cluster.Node("instance-1").IsReader = true;
            monitor.RequestFastRefresh(h.Cluster.Node("instance-1").Host);
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(10.2), () => h.Cluster.Node("instance-3").IsReader = false);

        h.AdvanceTo(S(14));

        // A statement stalls on instance-1 at 10 s: the read through it starts at once and so do the probes of the others
        // (not 0.5 s later, as for a plain request); instance-3 says writer at its first probe after the promotion, 10.2 s.
        var hedge = Assert.Single(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes));
        Assert.Equal(S(10), h.SinceStart(hedge));
        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Equal(S(10.2), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
    }

    [Fact]
    public void SuspectedNode_ReadAlreadyRunning_TheOthersAreAskedAtOnce()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").NeverAnswers = true;
            h.Cluster.Node("instance-1").IsReader = true;
            h.Cluster.Node("instance-3").IsReader = false;
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(10.1), () => monitor.RequestFastRefresh(h.Cluster.Node("instance-1").Host));

        h.AdvanceTo(S(14));

        var hedge = Assert.Single(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes));
        Assert.Equal(S(10.1), h.SinceStart(hedge));
        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Equal(S(10.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
    }

    [Fact]
    public void SuspectedNode_HealthyRead_EndsTheProbesWhenTheReadAnswers()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Cluster.Node("instance-1").Delay = TimeSpan.FromMilliseconds(5);

        monitor.RequestFastRefresh(h.Cluster.Node("instance-1").Host);
        h.AdvanceTo(S(0.05));

        var asked = h.Cluster.Node("instance-2").IdentifyRequests;
        Assert.Equal(1, asked);
        Assert.Single(h.Snapshots);
        Assert.Empty(h.EventsOf(TopologyMonitorEventKind.Error));
        h.AdvanceTo(S(0.09));
        Assert.Equal(asked, h.Cluster.Node("instance-2").IdentifyRequests); // the probes ended with the read, not at the round's end
    }

    [Fact]
    public void SlowButHealthyMonitoringNode_Hedged_ReadAnswerIsKeptAndTheOthersOnlyAsked()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Cluster.Node("instance-1").Delay = S(1);
        monitor.RequestFastRefresh();

        h.AdvanceTo(S(1.05));

        Assert.Single(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes));
        Assert.Single(h.Snapshots);
        Assert.Equal("instance-1", monitor.MonitoringNode!.InstanceId);
        Assert.Empty(h.EventsOf(TopologyMonitorEventKind.Error));
        var asked = h.Cluster.Node("instance-2").IdentifyRequests;
        Assert.True(asked > 0);

        // The read answered at 1 s, so its hedge stops asking (its round could have gone on until 3.5 s); the next
        // read starts at 1.1 s and only its own hedge, at 1.6 s, asks again.
        h.AdvanceTo(S(1.55));
        Assert.Equal(asked, h.Cluster.Node("instance-2").IdentifyRequests);
    }

    [Fact]
    public void NoWriterInTopology_EmitsWriterUnknownThenTheWriterThatConfirmsItself()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var now = MonitorHarness.Start;
        h.Cluster.Publish([
            new TopologyRow("instance-1", false, 1, 0, now),
            new TopologyRow("instance-2", false, 1, 0, now),
            new TopologyRow("instance-3", false, 1, 0, now),
        ]);
        h.Cluster.Node("instance-1").IsReader = true;
        h.Scheduler.Schedule(MonitorHarness.Start + S(0.05), () => h.Cluster.Node("instance-2").IsReader = false);
        var monitor = h.StartMonitor();

        h.AdvanceTo(S(0.1));

        Assert.Equal(2, h.Snapshots.Count);
        Assert.False(h.Snapshots[0].IsWriterKnown);
        Assert.Equal(3, h.Snapshots[0].Readers.Count);
        Assert.Equal("instance-2", h.WriterId(1));
        Assert.Equal(["instance-1", "instance-3"], h.Snapshots[1].Readers.Select(r => r.InstanceId));
        Assert.Equal(TopologyRefreshMode.Fast, monitor.Mode);
    }

    [Fact]
    public void NodeNamedWriterByTopologyButReaderWhenAsked_IsNotAccepted()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.StartMonitor();
        h.RunDue();
        var now = MonitorHarness.Start;
        h.Cluster.Node("instance-1").Failure = new InvalidOperationException("connection refused");
        h.Cluster.Publish([new TopologyRow("instance-2", true, 1, 0, now), new TopologyRow("instance-3", false, 1, 0, now)]);

        h.AdvanceTo(S(33.1));

        Assert.Single(h.Snapshots);
        var noWriter = Assert.Single(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.StartsWith("No node confirmed being the writer", StringComparison.Ordinal));
        Assert.Equal(S(33.1), h.SinceStart(noWriter));
        Assert.Equal(0, h.Cluster.Node("instance-2").TopologyReads);

        h.Cluster.Node("instance-3").IsReader = false;
        h.AdvanceTo(S(40));

        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Empty(h.Snapshots[1].Readers); // instance-2's role is in doubt (the topology calls it the writer): not offered as a reader
        Assert.Equal(0, h.Cluster.Node("instance-2").TopologyReads);
    }

    [Fact]
    public void WriterCrashesAndTopologyLags_ConfirmedWriterHeldWithoutFlipFlopUntilTopologyAgrees()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var monitor = h.StartMonitor();
        h.RunDue();
        var lagging = h.Cluster.CurrentRows();
        h.Scheduler.Schedule(MonitorHarness.Start + S(5), () =>
        {
            h.Cluster.Failover("instance-2");
            h.Cluster.Publish(lagging);
            h.Cluster.Node("instance-1").Failure = new InvalidOperationException("connection refused");
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(8), () => h.Cluster.Publish(null));

        h.AdvanceTo(S(7.95));
        Assert.Equal(2, h.Snapshots.Count);
        Assert.Equal("instance-2", h.WriterId(1));
        Assert.Equal(["instance-3"], h.Snapshots[1].Readers.Select(r => r.InstanceId));
        Assert.Equal(S(5.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
        Assert.True(h.Cluster.Node("instance-2").TopologyReads > 20);

        h.AdvanceTo(S(8.1));
        Assert.Equal(3, h.Snapshots.Count);
        Assert.Equal("instance-2", h.WriterId(2));
        Assert.Equal(["instance-1", "instance-3"], h.Snapshots[2].Readers.Select(r => r.InstanceId));
    }

    [Fact]
    public void FrozenMonitoringNode_CostsOneOperationTimeoutThenTheRoundFindsTheWriterAtOnceWithoutHedging()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        h.Options = new TopologyMonitorOptions { ReadHedgeDelay = null };
        var monitor = h.StartMonitor();
        h.RunDue();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-1").NeverAnswers = true;
            h.Cluster.Node("instance-1").IsReader = true;
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(11.45), () => h.Cluster.Node("instance-3").IsReader = false);

        h.AdvanceTo(S(11.5));

        // The read through instance-1 started at 10 s and times out at 13 s; the round starts after it.
        Assert.Single(h.Snapshots);
        h.AdvanceTo(S(13.1));
        Assert.Single(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes));
        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Equal(S(13.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.Changed).Last()));
    }

    [Fact]
    public void ProbeRound_WriterPromotedWhileAnotherNodeHangs_ConfirmedAtTheNextReprobeNotAtTheRoundEnd()
    {
        using var h = new MonitorHarness().WithThreeNodes();
        var seeds = new[] { "instance-2", "instance-1", "instance-3" }.Select(id => h.Cluster.Node(id).Host);
        var monitor = h.StartMonitor(seeds);
        h.RunDue();
        h.Scheduler.Schedule(MonitorHarness.Start + S(10), () =>
        {
            h.Cluster.Node("instance-2").Failure = new InvalidOperationException("connection refused");
            h.Cluster.Node("instance-1").NeverAnswers = true;
            monitor.RequestFastRefresh();
        });
        h.Scheduler.Schedule(MonitorHarness.Start + S(10.55), () =>
        {
            h.Cluster.Node("instance-1").IsReader = true;
            h.Cluster.Node("instance-3").IsReader = false;
        });

        h.AdvanceTo(S(10.6) - TimeSpan.FromTicks(1));
        Assert.Single(h.Snapshots);
        h.AdvanceTo(S(10.6));

        // Read via instance-2 failed at 10.0; the round started at 10.1 and asks instance-3 again every 100 ms.
        Assert.Equal(S(10.1), h.SinceStart(h.EventsOf(TopologyMonitorEventKind.ProbingAllNodes).Single()));
        Assert.Equal("instance-3", h.WriterId(1));
        Assert.Equal(6, h.Cluster.Node("instance-3").IdentifyRequests);
        Assert.Equal(0, h.Cluster.ActiveOperations);
        Assert.Single(h.EventsOf(TopologyMonitorEventKind.Error), e => e.Message.StartsWith("Probing", StringComparison.Ordinal));
    }
}
