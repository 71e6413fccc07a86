using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionHostLossTests
{
    [Fact]
    public async Task ReportHostLost_CommandInFlightOnFrozenNode_ReleasesItWithFailoverSuccess()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_sleep(1000)";
        var running = command.ExecuteNonQueryAsync();
        Assert.False(running.IsCompleted);
        var reason = new TimeoutException("judged dead by the test");

        connection.ReportHostLost(FakeCluster.Node1, reason);

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => running);
        Assert.Same(reason, error.InnerException);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
    }

    [Fact]
    public async Task ReportHostLost_IdleConnectionOutsideTransaction_NextCommandThrowsFailoverSuccessOnTheNewNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();

        connection.ReportHostLost(new HostSpec("N1", 5432), new TimeoutException("writer changed"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteScalarAsync());

        Assert.Equal(FakeCluster.Node2, error.NewHost);
        Assert.Equal("n2", await command.ExecuteScalarAsync());
        Assert.Single(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task ReportHostLost_IdleConnectionOutsideTransactionWithSilentIdleMove_SwitchesSilentlyBeforeNextCommand()
    {
        await using var cluster = new FakeCluster(configure: settings => new AuroraConnectionSettings
        {
            FailoverHandler = settings.FailoverHandler,
            InitialHostRole = settings.InitialHostRole,
            SilentIdleMove = true,
        });
        await using var connection = await cluster.DataSource.OpenConnectionAsync();

        connection.ReportHostLost(new HostSpec("N1", 5432), new TimeoutException("writer changed"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        var result = await command.ExecuteScalarAsync();

        Assert.Equal("n2", result);
        Assert.Single(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task ReportHostLost_IdleConnectionInsideTransaction_NextCommandThrowsTransactionResolutionUnknown()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);

        connection.ReportHostLost(FakeCluster.Node1, new TimeoutException("writer changed"));
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT 1";

        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => command.ExecuteNonQueryAsync());
        Assert.True(transaction.IsLost);
    }

    [Fact]
    public async Task ReportHostLost_OtherNode_IsIgnored()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();

        connection.ReportHostLost(FakeCluster.Node2, new TimeoutException("not this one"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        Assert.Equal("n1", await command.ExecuteScalarAsync());
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task ReportHostLost_CommitInFlightOnFrozenNode_ReleasesItWithTransactionResolutionUnknown()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        cluster.Factory.Freeze(FakeCluster.Node1);
        var committing = transaction.CommitAsync();
        Assert.False(committing.IsCompleted);
        var reason = new TimeoutException("judged dead by the test");

        connection.ReportHostLost(FakeCluster.Node1, reason);

        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => committing);
        Assert.Same(reason, error.InnerException);
        Assert.True(transaction.IsLost);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
    }

    [Fact]
    public async Task ReportHostLost_ReadInFlightOnFrozenNode_ReleasesItWithFailoverSuccessAndClosesTheReader()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "STREAM rows";
        var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.Default);
        cluster.Factory.Freeze(FakeCluster.Node1);
        var reading = reader.ReadAsync();
        Assert.False(reading.IsCompleted);

        connection.ReportHostLost(FakeCluster.Node1, new TimeoutException("judged dead by the test"));

        await Assert.ThrowsAsync<FailoverSuccessException>(() => reading);
        Assert.True(reader.IsClosed);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
    }

    [Fact]
    public async Task ReportHostLost_IdleBeforeBeginTransaction_BeginThrowsFailoverSuccessOnTheNewNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();

        connection.ReportHostLost(FakeCluster.Node1, new TimeoutException("writer changed"));

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(async () => await connection.BeginTransactionAsync());
        Assert.Equal(FakeCluster.Node2, error.NewHost);
        Assert.Null(connection.CurrentTransaction);
    }

    [Fact]
    public async Task StateChanges_CommandReleasedByAReport_TakesTheSameTransitionsAsADriverError()
    {
        var released = await StatusesOfOneFailoverAsync(cluster =>
        {
            cluster.Factory.Freeze(FakeCluster.Node1);
            return connection => connection.ReportHostLost(FakeCluster.Node1, new TimeoutException("judged dead"));
        });
        var driverError = await StatusesOfOneFailoverAsync(cluster =>
        {
            cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            return _ => { };
        });

        Assert.Equal(
            new[] { LogicalConnectionStatus.Open, LogicalConnectionStatus.Broken, LogicalConnectionStatus.FailingOver, LogicalConnectionStatus.Open },
            released);
        Assert.Equal(released, driverError);
    }

    private static async Task<LogicalConnectionStatus[]> StatusesOfOneFailoverAsync(Func<FakeCluster, Action<AuroraConnection>> fault)
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var states = new List<LogicalConnectionState>();
        using var subscription = connection.StateChanges.Subscribe(states.Add);
        var report = fault(cluster);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        var running = command.ExecuteNonQueryAsync();
        report(connection);
        await Assert.ThrowsAsync<FailoverSuccessException>(() => running);
        return states.Select(state => state.Status).ToArray();
    }
}
