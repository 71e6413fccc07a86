using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Testing.VirtualTime;
using Aurora.Reactive.Tests.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Failover;

public sealed class StrictWriterPolicyTests
{
    private static readonly HostSpec OldWriter = new("10.0.0.1", 5432, "instance-1", HostRole.Writer);
    private static readonly HostSpec NewWriter = new("10.0.0.2", 5432, "instance-2", HostRole.Writer);

    // The third switchover of WriterFailoverTests also failed this way on the real cluster: the attempt on the new writer
    // failed, its retry timer fired 1 ms early by the scheduler's clock, the node still counted as "failed recently", no
    // attempt was decided, and as no other signal came the failover ran to its timeout.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void Decide_AttemptFailedAndTheRetryTimerFiresEarlyByTheClock_TriesTheNodeAgainWhenTheTimerFires(int lagMs)
    {
        var virtualTime = new TestScheduler();
        virtualTime.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var scheduler = new LaggingClockScheduler(virtualTime, TimeSpan.FromMilliseconds(lagMs));
        var timing = FailoverTiming.Default;
        var attempts = new Subject<ConnectAttempt>();
        var topology = new BehaviorSubject<TopologySnapshot>(new TopologySnapshot(NewWriter, [OldWriter with { Role = HostRole.Reader }], scheduler.Now));
        var decisions = new List<(TimeSpan At, FailoverDecision Decision)>();
        var started = virtualTime.Now;
        using var run = StrictWriterPolicy.Instance.Decide(new ClusterSignals(OldWriter, FailoverMode.StrictWriter, timing, scheduler, topology, attempts))
            .Subscribe(d => decisions.Add((virtualTime.Now - started, d)));
        virtualTime.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        var first = Assert.Single(decisions, d => d.Decision.Kind == FailoverDecisionKind.ConnectTo);
        Assert.Equal(NewWriter, first.Decision.Host);

        attempts.OnNext(new ConnectAttempt(NewWriter, HostRole.Writer, ConnectAttemptOutcome.Failed, Error: new IOException("57P01")));
        virtualTime.AdvanceBy((timing.WriterReconnectInterval + TimeSpan.FromMilliseconds(10)).Ticks);

        var retries = decisions.Where(d => d.Decision.Kind == FailoverDecisionKind.ConnectTo).Skip(1).ToList();
        var retry = Assert.Single(retries);
        Assert.Equal(NewWriter, retry.Decision.Host);
        Assert.Equal(TimeSpan.FromMilliseconds(10) + timing.WriterReconnectInterval - TimeSpan.FromMilliseconds(lagMs), retry.At);
    }

    // crash-mid-query end to end: the connection was opened through the writer endpoint and learned instance-1 from the
    // node. The writer crashed and instance-2 was promoted at once, so the topology still named instance-1. The failover
    // retried the failed host with instance-1's id, the connector did not ask the node (the id was known), and the new
    // connection to instance-2 was labelled instance-1: the next topology read then looked like a writer change.
    [Fact]
    public void Decide_FailedHostIsAnEndpointAndTheTopologyStillNamesItsOldNode_TriesTheEndpointWithoutTheStaleInstanceId()
    {
        var virtualTime = new TestScheduler();
        virtualTime.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var timing = FailoverTiming.Default;
        var throughEndpoint = new HostSpec("writer.cluster.example", 5432, "instance-1", HostRole.Writer);
        var attempts = new Subject<ConnectAttempt>();
        var topology = new BehaviorSubject<TopologySnapshot>(new TopologySnapshot(OldWriter, [NewWriter with { Role = HostRole.Reader }], virtualTime.Now));
        var tried = new List<HostSpec>();
        using var run = StrictWriterPolicy.Instance.Decide(new ClusterSignals(throughEndpoint, FailoverMode.StrictWriter, timing, virtualTime, topology, attempts))
            .Where(d => d.Kind == FailoverDecisionKind.ConnectTo)
            .Subscribe(d => tried.Add(d.Host!));
        virtualTime.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);

        var first = Assert.Single(tried);
        Assert.Equal("writer.cluster.example", first.Host);
        Assert.Null(first.InstanceId); // the connector asks the node it reaches which instance it is
        Assert.Equal(HostRole.Writer, first.Role);

        // The attempt's outcome is reported on the host tried: it is retried after the reconnect interval, not lost.
        attempts.OnNext(new ConnectAttempt(first, HostRole.Writer, ConnectAttemptOutcome.Failed, Error: new IOException("57P01")));
        virtualTime.AdvanceBy((timing.WriterReconnectInterval + TimeSpan.FromMilliseconds(10)).Ticks);

        Assert.Equal(2, tried.Count);
        Assert.Null(tried[1].InstanceId);
    }

    [Fact]
    public void Decide_FailedHostIsAnInstanceOfTheTopology_TriesItWithItsInstanceId()
    {
        var virtualTime = new TestScheduler();
        virtualTime.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var attempts = new Subject<ConnectAttempt>();
        var topology = new BehaviorSubject<TopologySnapshot>(new TopologySnapshot(OldWriter, [NewWriter with { Role = HostRole.Reader }], virtualTime.Now));
        var tried = new List<HostSpec>();
        using var run = StrictWriterPolicy.Instance.Decide(new ClusterSignals(OldWriter, FailoverMode.StrictWriter, FailoverTiming.Default, virtualTime, topology, attempts))
            .Where(d => d.Kind == FailoverDecisionKind.ConnectTo)
            .Subscribe(d => tried.Add(d.Host!));
        virtualTime.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);

        Assert.Equal(OldWriter, Assert.Single(tried));
    }
}
