using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Connections;

/// <summary>The data source's shared monitors, seen through many logical connections, in virtual time (2000/1000/2).</summary>
public sealed class AuroraDataSourceMonitoringTests
{
    private static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2, 10_000);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HundredBusyConnections_ShareOneMonitorAndAreAllReleasedAtTheirOwnDeadline()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        var connections = new List<AuroraConnection>();
        var commands = new List<Task<object?>>();
        for (var i = 0; i < 100; i++)
        {
            // Half start at 0 s, half at 0.5 s: the second half counts only the probes from its window at 2.5 s.
            monitored.AdvanceTo(i < 50 ? 0 : 0.5);
            var connection = await monitored.DataSource.OpenConnectionAsync();
            connections.Add(connection);
            commands.Add(new AuroraCommand("SELECT pg_sleep(60)", connection).ExecuteScalarAsync());
        }

        monitored.AdvanceTo(6);

        var errors = new List<HostUnavailableException>();
        foreach (var command in commands)
        {
            errors.Add(await Assert.ThrowsAsync<HostUnavailableException>(() => command.WaitAsync(Safety)));
        }

        Assert.Single(monitored.Probers);
        Assert.Equal(MonitoredCluster.At(4), Assert.Single(errors.Take(50).Select(e => e.Verdict.DeclaredAt).Distinct()));
        Assert.Equal(MonitoredCluster.At(5), Assert.Single(errors.Skip(50).Select(e => e.Verdict.DeclaredAt).Distinct()));
        // One probe stream for all: 2, 3, 4; the last verdict (the probe of 4 timing out at 5) closes every window before a probe at 5.
        Assert.Equal(3, Assert.Single(monitored.Registry.Monitors).ProbesStarted);
        Assert.All(connections, c => Assert.Equal(ConnectionState.Broken, c.State));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task DeclaredDead_TheAbandonedPhysicalConnectionIsClosedThenItsNodesPoolCleared()
    {
        // A driver may take the abandoned session back into its pool at the close and mark it failed only when the stuck
        // command ends (MySqlConnector handed it to the next open after a freeze): the node's pool is cleared after the close.
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        var running = new AuroraCommand("SELECT pg_sleep(60)", connection).ExecuteScalarAsync();
        monitored.AdvanceTo(3.9);
        Assert.Empty(monitored.Cluster.Factory.Cleared);

        monitored.AdvanceTo(4);
        await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));

        // The close and the clear run on a background thread (a close on a frozen node can block), so wait for them.
        Assert.True(SpinWait.SpinUntil(() => !monitored.Cluster.Factory.Cleared.IsEmpty, Safety), "the node's pool was not cleared");
        Assert.Equal(FakeCluster.Node1.Endpoint, Assert.Single(monitored.Cluster.Factory.Cleared).Endpoint);
    }

    [Fact]
    public async Task HostHealth_FrozenNode_GoesSuspectThenUnhealthy_AndPerHostStreamFilters()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        var cluster = new List<HostHealth>();
        var node1 = new List<HostHealth>();
        var node2 = new List<HostHealth>();
        using var all = monitored.DataSource.HostHealth.Subscribe(cluster.Add);
        using var first = monitored.DataSource.HostHealthOf(FakeCluster.Node1 with { Role = Aurora.Reactive.Hosts.HostRole.Reader }).Subscribe(node1.Add);
        using var second = monitored.DataSource.HostHealthOf(FakeCluster.Node2).Subscribe(node2.Add);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);

        var running = new AuroraCommand("SELECT pg_sleep(60)", connection).ExecuteScalarAsync();
        monitored.AdvanceTo(4);
        await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));

        Assert.Equal(
            [HostHealthStatus.Unknown, HostHealthStatus.Suspect, HostHealthStatus.Unhealthy],
            cluster.Select(h => h.Status));
        Assert.Equal(MonitoredCluster.At(4), cluster[^1].Time);
        Assert.Equal(cluster, node1);
        Assert.Empty(node2);
    }

    [Fact]
    public async Task Dispose_StopsEveryMonitorAndCompletesHostHealth()
    {
        var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.OkAfterMs(5));
        var completed = false;
        using var health = monitored.DataSource.HostHealth.Subscribe(_ => { }, () => completed = true);
        var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        var running = new AuroraCommand("SELECT pg_sleep(60)", connection).ExecuteScalarAsync();
        monitored.AdvanceTo(3);
        var monitor = Assert.Single(monitored.Registry.Monitors);
        Assert.True(monitor.IsProbing);

        await monitored.DisposeAsync();
        var probesAtDispose = monitor.ProbesStarted;
        monitored.AdvanceTo(30);

        Assert.True(monitor.IsDisposed);
        Assert.True(Assert.Single(monitored.Probers).IsDisposed);
        Assert.Equal(probesAtDispose, monitor.ProbesStarted);
        Assert.True(completed);
        Assert.False(running.IsCompleted); // nothing was declared dead: disposal is not a verdict
        monitored.Cluster.Factory.Thaw(FakeCluster.Node1);
        await running.WaitAsync(Safety);
    }

    [Fact]
    public async Task HostHealth_MonitoringOff_CompletesAtOnce()
    {
        await using var cluster = new FakeCluster(withHandler: false);
        var completed = false;

        using var health = cluster.DataSource.HostHealth.Subscribe(_ => { }, () => completed = true);

        Assert.True(completed);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        Assert.False(connection.IsMonitored);
    }

    [Fact]
    public async Task ThrowingHealthSubscriber_DoesNotStopTheMonitorNorTheRelease()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        var seen = new List<HostHealth>();
        using var throwing = monitored.DataSource.HostHealth.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var healthy = monitored.DataSource.HostHealth.Subscribe(seen.Add);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);

        var running = new AuroraCommand("SELECT pg_sleep(60)", connection).ExecuteScalarAsync();
        monitored.AdvanceTo(4);

        await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));
        Assert.Equal(HostHealthStatus.Unhealthy, seen[^1].Status);
    }
}
