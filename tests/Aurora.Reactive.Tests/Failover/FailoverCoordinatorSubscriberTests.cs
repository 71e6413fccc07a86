using System.Reactive.Subjects;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.Simulation;
using Aurora.Reactive.Tests.Delivery;
using Aurora.Reactive.Tests.Diagnostics;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>
/// A subscriber of the coordinator's streams that throws, on a data source from the builder: it is unsubscribed, the
/// builder's logger gets event 1006 naming the stream, and the other subscribers keep receiving.
/// </summary>
public sealed class FailoverCoordinatorSubscriberTests : IDisposable
{
    private const int SubscriberFailed = 1006;
    private readonly SimulatedCluster _cluster = new();
    private readonly TelemetryCapture _capture;
    private readonly AuroraDataSource _dataSource;
    private readonly FailoverCoordinator _coordinator;

    public FailoverCoordinatorSubscriberTests()
    {
        _capture = new TelemetryCapture(_cluster.Clock, "coordinator-subscribers");
        _dataSource = _cluster.CreateDataSourceBuilder().UseLoggerFactory(_capture.LoggerFactory).Build();
        _coordinator = Assert.IsType<FailoverCoordinator>(_dataSource.Settings.FailoverHandler);
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public void Verdicts_ASubscriberThrows_ItIsLoggedAndUnsubscribedAndTheOthersKeepReceiving()
    {
        using var health = new Subject<HostHealth>();
        using var follow = _coordinator.FollowHealth(health);
        var throwing = new ThrowingSubscriber<HostHealth>("verdict subscriber broke");
        using var throwingSubscription = _coordinator.Verdicts.Subscribe(throwing);
        var seen = new List<HostHealthStatus>();
        using var recording = _coordinator.Verdicts.Subscribe(h => seen.Add(h.Status));
        var node = new HostSpec("instance-2.cluster.sim", 5432, "instance-2");

        health.OnNext(new HostHealth(node, HostHealthStatus.Unhealthy, 3, null, _cluster.Clock.Now));
        health.OnNext(new HostHealth(node, HostHealthStatus.Healthy, 0, null, _cluster.Clock.Now));

        Assert.Equal(1, throwing.Calls);
        Assert.Equal([HostHealthStatus.Unhealthy, HostHealthStatus.Healthy], seen);
        var line = _capture.Log(SubscriberFailed);
        Assert.Equal("A subscriber of the failover coordinator's host verdicts threw; it was unsubscribed and the stream carries on.", line.Message);
        Assert.Same(throwing.Thrown, line.Error);
    }

    [Fact]
    public async Task Reports_ASubscriberThrows_ItIsLoggedAndUnsubscribedAndTheOthersKeepReceiving()
    {
        var throwing = new ThrowingSubscriber<FailoverReport>("report subscriber broke");
        using var throwingSubscription = _coordinator.Reports.Subscribe(throwing);
        var reports = new List<string?>();
        using var recording = _coordinator.Reports.Subscribe(r => reports.Add(r.NewHost?.InstanceId));
        await using var connection = await _cluster.Run(_dataSource.OpenConnectionAsync().AsTask());

        foreach (var next in new[] { "instance-2", "instance-3" })
        {
            _cluster.Crash(_cluster.Writer);
            _cluster.Promote(next);
            var failed = _cluster.Run(ExecuteAsync(connection));
            Assert.IsType<FailoverSuccessException>(failed.Exception?.GetBaseException());
        }

        Assert.Equal(1, throwing.Calls);
        Assert.Equal(["instance-2", "instance-3"], reports);
        var line = _capture.Log(SubscriberFailed);
        Assert.Equal("A subscriber of the failover coordinator's reports threw; it was unsubscribed and the stream carries on.", line.Message);
        Assert.Same(throwing.Thrown, line.Error);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync();
    }
}
