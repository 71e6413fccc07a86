using Aurora.Reactive.Failover;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>One deadline per failover, the coordinator's: neither the shared search nor the policy keeps one.</summary>
public sealed class FailoverCoordinatorDeadlineTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly FailoverTiming TenSeconds = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void FailOverAsync_DeadlinePasses_TheFailureNamesTheSearchsLastWaitAndLastError()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, timing: TenSeconds);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");

        var failover = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(9.9));
        Assert.False(failover.IsCompleted);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(0.1));

        var outcome = failover.Done();
        Assert.Equal("no node took over within 10 s; last state: every candidate failed recently; retrying after the reconnect interval", outcome.FailureMessage);
        Assert.Equal("instance-1 refused the connection", Assert.IsType<IOException>(outcome.FailureReason).Message);
        Assert.Equal(TimeSpan.FromSeconds(10), harness.Reports.Single().Duration);
        Assert.Equal(0, harness.Connector.OpenConnections);
    }

    [Fact]
    public void FailOverAsync_JoiningASearchStartedEarlier_KeepsItsOwnDeadlineAndTheSearchGoesOnForIt()
    {
        var scheduler = new TestScheduler();
        using var harness = new FailoverHarness(scheduler, timing: TenSeconds);
        scheduler.AdvanceBy(Second);
        harness.Crash("instance-1");
        var first = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(4));

        var joined = harness.FailOver(harness.Writer("instance-1"));
        scheduler.AdvanceBy(TimeSpan.FromSeconds(6));
        Assert.False(first.Done().Succeeded);
        Assert.False(joined.IsCompleted);
        harness.Cluster.Failover("instance-2");
        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));

        Assert.Equal("instance-2", joined.Done().Host?.InstanceId);
        Assert.Equal(1, harness.Coordinator.SearchCount);
        Assert.Equal([TimeSpan.FromSeconds(10)], harness.Reports.Where(r => !r.Succeeded).Select(r => r.Duration));
        Assert.InRange(harness.Reports.Single(r => r.Succeeded).Duration, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(8));
    }
}
