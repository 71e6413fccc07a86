using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

/// <summary>A statement that races a loss report completes through its race as it did through an async method awaiting it.</summary>
public sealed class LossRaceStatementTests
{
    private static readonly AsyncLocal<string?> Flow = new();

    [Fact]
    public async Task StatementAnsweringLater_CompletesWithItsResult_AndTheNextStatementReusesTheRace()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        for (var round = 0; round < 3; round++)
        {
            cluster.Factory.Freeze(FakeCluster.Node1);
            var running = command.ExecuteScalarAsync();
            Assert.False(running.IsCompleted);
            cluster.Factory.Thaw(FakeCluster.Node1);
            Assert.Equal("n1", await running);
        }

        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task StatementFailingLater_WithAnErrorThatIsNoFailover_FaultsWithTheDriversOwnError()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT 1";
        cluster.Factory.Freeze(FakeCluster.Node1);
        var running = command.ExecuteNonQueryAsync();
        var error = FakeCluster.UniqueViolation();
        cluster.Factory.Kill(FakeCluster.Node1, error);

        cluster.Factory.Thaw(FakeCluster.Node1);

        Assert.Same(error, await Assert.ThrowsAsync<global::Npgsql.PostgresException>(() => running));
        Assert.True(running.IsFaulted);
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task StatementCancelledLater_IsCancelledWithTheDriversOwnException()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_sleep(1000)";
        cluster.Factory.Freeze(FakeCluster.Node1);
        using var cancellation = new CancellationTokenSource();
        var running = command.ExecuteScalarAsync(cancellation.Token);

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(running.IsCanceled); // as an async method's task: cancelled, not faulted
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task StatementReleasedByAReportFromAnotherContext_FailsOverInTheStatementsContext()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        string? seenByFailover = "never asked";
        cluster.Handler!.Asked = () => seenByFailover = Flow.Value;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_sleep(1000)";
        cluster.Factory.Freeze(FakeCluster.Node1);
        Flow.Value = "statement";
        var running = command.ExecuteScalarAsync();

        await Task.Run(() =>
        {
            Flow.Value = "reporter";
            connection.ReportHostLost(FakeCluster.Node1, new TimeoutException("judged dead by the test"));
        });

        await Assert.ThrowsAsync<FailoverSuccessException>(() => running);
        Assert.Equal("statement", seenByFailover);
    }
}
