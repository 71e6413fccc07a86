using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>
/// The process-wide topology monitors as their owners see them: a data source or client disposed last stops the
/// cluster's monitor at once, whatever <c>topology_monitor_disposal_time_ms</c> says. Each test takes a disposal
/// delay no other test uses, so that it has a registry of its own.
/// </summary>
public sealed class SharedTopologyMonitorsTests
{
    private static string ConnectionString(TimeSpan delay) =>
        $"Host=db.cluster-abc123.us-east-1.rds.amazonaws.com;topology_monitor_disposal_time_ms={delay.TotalMilliseconds}";

    [Fact]
    public async Task DataSourceDisposed_OnlyUserOfTheMonitor_DisposesItAtOnceDespiteTheDelay()
    {
        var delay = TimeSpan.FromMilliseconds(987_001);
        var dataSource = AuroraDataSource.Create(ConnectionString(delay), new FakeDriver());
        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);

        await dataSource.DisposeAsync();

        Assert.Equal(0, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }

    [Fact]
    public void DataSourceDisposedSynchronously_OnlyUserOfTheMonitor_DisposesItAtOnce()
    {
        var delay = TimeSpan.FromMilliseconds(987_002);
        var dataSource = AuroraDataSource.Create(ConnectionString(delay), new FakeDriver());

        dataSource.Dispose();

        Assert.Equal(0, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }

    [Fact]
    public async Task TwoDataSourcesOnOneCluster_FirstDisposed_MonitorKeptForTheSecondUntilItIsDisposed()
    {
        var delay = TimeSpan.FromMilliseconds(987_003);
        var first = AuroraDataSource.Create(ConnectionString(delay), new FakeDriver());
        var second = AuroraDataSource.Create(ConnectionString(delay), new FakeDriver());
        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);

        await first.DisposeAsync();
        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);

        await second.DisposeAsync();
        Assert.Equal(0, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }

    [Fact]
    public async Task ClientDisposed_OnlyUserOfTheMonitor_DisposesItAtOnce()
    {
        var delay = TimeSpan.FromMilliseconds(987_004);
        var client = AuroraClient.CreateBuilder(ConnectionString(delay), new FakeDriver()).Build();
        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);

        await client.DisposeAsync();

        Assert.Equal(0, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }

    [Fact]
    public async Task ClientAndDataSourceOnOneCluster_ClientDisposed_MonitorKeptForTheDataSource()
    {
        var delay = TimeSpan.FromMilliseconds(987_005);
        await using var dataSource = AuroraDataSource.Create(ConnectionString(delay), new FakeDriver());
        var client = AuroraClient.CreateBuilder(ConnectionString(delay), new FakeDriver()).Build();

        await client.DisposeAsync();

        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }
}
