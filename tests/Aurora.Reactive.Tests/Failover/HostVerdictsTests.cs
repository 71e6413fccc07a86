using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;
using Aurora.Reactive.Tests.Delivery;

namespace Aurora.Reactive.Tests.Failover;

public sealed class HostVerdictsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HostSpec Node = new("instance-2.cluster.test", 5432, "instance-2", HostRole.Reader);
    private readonly List<Exception> _caught = [];

    // Only the test that makes a subscriber throw expects an error to be reported.
    public void Dispose() => Assert.Empty(_caught);

    [Fact]
    public void Changes_ASubscriberThrows_ItIsReportedOnceAndUnsubscribedAndTheOthersKeepReceiving()
    {
        var reported = new List<Exception>();
        using var verdicts = new HostVerdicts(reported.Add);
        var throwing = new ThrowingSubscriber<HostHealth>("subscriber broke");
        using var throwingSubscription = verdicts.Changes.Subscribe(throwing);
        var changes = new List<HostHealthStatus>();
        using var watch = verdicts.Changes.Subscribe(c => changes.Add(c.Status));

        verdicts.OnHealth(Health(HostHealthStatus.Unhealthy, 1));
        verdicts.OnHealth(Health(HostHealthStatus.Healthy, 2));

        Assert.Equal(1, throwing.Calls);
        Assert.Same(throwing.Thrown, Assert.Single(reported));
        Assert.Equal([HostHealthStatus.Unhealthy, HostHealthStatus.Healthy], changes);
        Assert.False(verdicts.IsDead(Node));
    }

    [Fact]
    public void OnHealth_UnhealthyThenHealthy_DeclaresThenClears()
    {
        using var verdicts = new HostVerdicts(_caught.Add);
        var changes = new List<HostHealth>();
        using var watch = verdicts.Changes.Subscribe(changes.Add);

        verdicts.OnHealth(Health(HostHealthStatus.Unhealthy, 1));
        verdicts.OnHealth(Health(HostHealthStatus.Unhealthy, 2));
        Assert.True(verdicts.IsDead(Node with { Role = HostRole.Writer }));
        verdicts.OnHealth(Health(HostHealthStatus.Suspect, 3));
        Assert.True(verdicts.IsDead(Node));
        verdicts.OnHealth(Health(HostHealthStatus.Healthy, 4));

        Assert.False(verdicts.IsDead(Node));
        Assert.Equal([HostHealthStatus.Unhealthy, HostHealthStatus.Healthy], changes.Select(c => c.Status));
    }

    [Fact]
    public void TopologyReadAnsweredByTheNodeAfterTheVerdict_ClearsItAtTheReadsTime()
    {
        using var verdicts = new HostVerdicts(_caught.Add);
        using var events = new System.Reactive.Subjects.Subject<TopologyMonitorEvent>();
        using var follow = verdicts.Follow(events);
        var changes = new List<HostHealth>();
        using var watch = verdicts.Changes.Subscribe(changes.Add);
        verdicts.OnHealth(Health(HostHealthStatus.Unhealthy, 5));

        events.OnNext(Refreshed(Node, 5));
        events.OnNext(Refreshed(new HostSpec("instance-3.cluster.test", 5432, "instance-3"), 6));
        events.OnNext(new TopologyMonitorEvent(TopologyMonitorEventKind.Error, T0.AddSeconds(6), "read failed") { Host = Node });
        Assert.True(verdicts.IsDead(Node));
        events.OnNext(Refreshed(Node, 7));

        Assert.False(verdicts.IsDead(Node));
        var cleared = changes[^1];
        Assert.Equal((HostHealthStatus.Healthy, T0.AddSeconds(7)), (cleared.Status, cleared.Time));
    }

    [Fact]
    public void Changes_SubscribedAfterAVerdict_ReplaysTheStandingVerdictsOnly()
    {
        using var verdicts = new HostVerdicts(_caught.Add);
        var other = new HostSpec("instance-3.cluster.test", 5432, "instance-3");
        verdicts.OnHealth(Health(HostHealthStatus.Unhealthy, 1));
        verdicts.OnHealth(new HostHealth(other, HostHealthStatus.Unhealthy, 3, null, T0));
        verdicts.OnHealth(new HostHealth(other, HostHealthStatus.Healthy, 0, null, T0.AddSeconds(2)));

        var changes = new List<HostHealth>();
        using var watch = verdicts.Changes.Subscribe(changes.Add);

        Assert.Equal(Node, Assert.Single(changes).Host);
    }

    private static HostHealth Health(HostHealthStatus status, int second) => new(Node, status, status == HostHealthStatus.Healthy ? 0 : 3, null, T0.AddSeconds(second));

    private static TopologyMonitorEvent Refreshed(HostSpec via, int second) =>
        new(TopologyMonitorEventKind.Refreshed, T0.AddSeconds(second), "read") { Host = via };
}
