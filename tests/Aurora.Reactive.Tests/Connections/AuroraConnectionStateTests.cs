using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionStateTests
{
    [Fact]
    public async Task StateChanges_OpenFailOverClose_EmitsEveryStepWithItsHost()
    {
        await using var cluster = new FakeCluster();
        var connection = cluster.DataSource.CreateConnection();
        var states = new List<LogicalConnectionState>();
        var completed = false;
        using var subscription = connection.StateChanges.Subscribe(states.Add, () => completed = true);

        await connection.OpenAsync();
        var down = FakeCluster.NodeDown();
        cluster.Factory.Kill(FakeCluster.Node1, down);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT 1";
            await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteNonQueryAsync());
        }

        await connection.DisposeAsync();

        Assert.Equal(
            new[]
            {
                LogicalConnectionStatus.Closed, LogicalConnectionStatus.Opening, LogicalConnectionStatus.Open,
                LogicalConnectionStatus.Broken, LogicalConnectionStatus.FailingOver, LogicalConnectionStatus.Open,
                LogicalConnectionStatus.Closed,
            },
            states.Select(s => s.Status));
        Assert.Equal("n1", states[2].Host!.Host);
        Assert.Equal(HostRole.Writer, states[2].Host!.Role);
        Assert.Same(down, states[3].Error);
        Assert.Equal(FakeCluster.Node2, states[5].Host);
        Assert.True(completed);
    }

    [Fact]
    public async Task StateChange_OpenAndClose_RaiseClosedToOpenThenOpenToClosed()
    {
        await using var cluster = new FakeCluster();
        var changes = new List<(System.Data.ConnectionState From, System.Data.ConnectionState To)>();
        for (var i = 0; i < 2; i++)
        {
            await using var connection = cluster.DataSource.CreateConnection();
            connection.StateChange += (_, e) => changes.Add((e.OriginalState, e.CurrentState));
            await connection.OpenAsync();
            await connection.CloseAsync();
        }

        var once = new[] { (System.Data.ConnectionState.Closed, System.Data.ConnectionState.Open), (System.Data.ConnectionState.Open, System.Data.ConnectionState.Closed) };
        Assert.Equal([.. once, .. once], changes);
    }

    [Fact]
    public async Task StateChanges_FailoverFindsNoNode_EndsInFailed()
    {
        await using var cluster = new FakeCluster();
        cluster.Handler!.Target = null;
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        await Assert.ThrowsAsync<FailoverFailedException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(LogicalConnectionStatus.Failed, connection.CurrentState.Status);
        await connection.CloseAsync();
        Assert.Equal(LogicalConnectionStatus.Closed, connection.CurrentState.Status);
    }

    [Fact]
    public async Task StateChanges_LateSubscriber_GetsTheCurrentStateFirst()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var states = new List<LogicalConnectionState>();

        using var subscription = connection.StateChanges.Subscribe(states.Add);

        var only = Assert.Single(states);
        Assert.Equal(LogicalConnectionStatus.Open, only.Status);
        Assert.Equal("n1", only.Host!.Host);
    }

    [Fact]
    public async Task Attach_OpenAndClose_AttachesOnceAndDetachesOnClose()
    {
        await using var cluster = new FakeCluster();
        var connection = await cluster.DataSource.OpenConnectionAsync();

        await connection.CloseAsync();

        Assert.Same(connection, Assert.Single(cluster.Handler!.Attached));
        Assert.Equal(1, cluster.Handler.Detached);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task StateChanges_OneSubscriberThrows_TheConnectionOpensAndTheOthersGetEveryState()
    {
        await using var cluster = new FakeCluster();
        var connection = cluster.DataSource.CreateConnection();
        using var throwing = connection.StateChanges.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        var states = new List<LogicalConnectionStatus>();
        using var subscription = connection.StateChanges.Subscribe(s => states.Add(s.Status));

        await connection.OpenAsync();
        await connection.CloseAsync();

        Assert.Equal([LogicalConnectionStatus.Closed, LogicalConnectionStatus.Opening, LogicalConnectionStatus.Open, LogicalConnectionStatus.Closed], states);
    }

    [Fact]
    public async Task StateChanges_SubscriberReadsTheStateFromAnotherThread_DoesNotDeadlock()
    {
        await using var cluster = new FakeCluster();
        var connection = cluster.DataSource.CreateConnection();
        var otherThreadGotIn = new List<bool>();
        using var subscription = connection.StateChanges.Subscribe(_ => otherThreadGotIn.Add(Task.Run(() => connection.CurrentState).Wait(TimeSpan.FromSeconds(10))));

        await connection.OpenAsync();

        Assert.Equal([true, true, true], otherThreadGotIn);
        await connection.DisposeAsync();
    }
}
