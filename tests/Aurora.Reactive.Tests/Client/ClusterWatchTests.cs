using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Client;

public sealed class ClusterWatchTests
{
    [Fact]
    public async Task Build_WithFailoverOn_SharesOneTopologyMonitorBetweenTheCoordinatorAndTheClientsStreams()
    {
        // A disposal delay no other test uses gives this test its own shared registry.
        var delay = TimeSpan.FromMilliseconds(987_654);
        var connectionString = $"Host=db.cluster-abc123.us-east-1.rds.amazonaws.com;topology_monitor_disposal_time_ms={delay.TotalMilliseconds}";

        await using var client = AuroraClient.CreateBuilder(connectionString, new FakeDriver()).Build();

        Assert.Equal(1, SharedTopologyMonitors.For(delay, AuroraDataSourceBuilder.DefaultClock).Count);
    }
}
