using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.Simulation;
using Aurora.Reactive.Tests.Delivery;
using Aurora.Reactive.Tests.Diagnostics;

namespace Aurora.Reactive.Tests.Monitoring;

/// <summary>
/// An error a host monitor catches to carry on (here: a verdict subscriber that throws) reaches the registry's handler
/// with the monitor's host, and on a data source from the builder, its logger as event 1007.
/// </summary>
public sealed class HostMonitorRegistryErrorTests
{
    private static readonly FailureDetectionSettings Fast = FailureDetectionSettings.FromMilliseconds(1000, 500, 2);

    [Fact]
    public void WatchCommand_AVerdictSubscriberThrows_TheHandlerGetsTheHostAndTheErrorAndTheOtherCommandItsVerdict()
    {
        var clock = new VirtualClock();
        var caught = new List<(HostSpec Host, Exception Error)>();
        var host = new HostSpec("instance-1.cluster.sim", 5432, "instance-1");
        using var registry = new HostMonitorRegistry(
            (_, _) => new SimulatedHostProber(clock.Scheduler, SimulatedAnswer.Never),
            clock.Scheduler,
            onMonitorError: (h, e) => caught.Add((h, e)));
        var throwing = new ThrowingSubscriber<HostDeclaredDead>("verdict subscriber broke");
        var verdicts = new List<HostDeclaredDead>();

        using var first = registry.WatchCommand(host, Fast).Subscribe(throwing);
        using var second = registry.WatchCommand(host, Fast).Subscribe(verdicts.Add);
        clock.AdvanceTo(10);

        Assert.Single(verdicts);
        var (caughtHost, error) = Assert.Single(caught);
        Assert.Same(host, caughtHost);
        Assert.Same(throwing.Thrown, error);
    }

    [Fact]
    public void DataSource_AMonitorCatchesAnError_ItsLoggerGetsEvent1007NamingTheHost()
    {
        var cluster = new SimulatedCluster();
        using var capture = new TelemetryCapture(cluster.Clock, "monitor-errors");
        using var dataSource = cluster.CreateDataSourceBuilder().UseLoggerFactory(capture.LoggerFactory).Build();
        var registry = Assert.IsType<HostMonitorRegistry>(dataSource.Monitors);
        var host = new HostSpec("instance-1.cluster.sim", 5432, "instance-1");
        var throwing = new ThrowingSubscriber<HostDeclaredDead>("verdict subscriber broke");

        cluster.Freeze("instance-1");
        using var watch = registry.WatchCommand(host, Fast).Subscribe(throwing);
        cluster.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal(1, throwing.Calls);
        var line = capture.Log(1007);
        Assert.Equal(
            "The failure monitor of instance-1.cluster.sim:5432 caught an error and carries on: a subscriber of its probes, health or verdicts threw (and was unsubscribed), or its monitoring connection failed to close.",
            line.Message);
        Assert.Same(throwing.Thrown, line.Error);
    }
}
