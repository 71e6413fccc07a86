using Aurora.Reactive.Connections;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionFailoverTests
{
    private static async Task<int> RunAsync(AuroraConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_NonFailoverError_ArrivesAsTheSameExceptionObject()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var violation = FakeCluster.UniqueViolation();
        cluster.Factory.Kill(FakeCluster.Node1, violation);

        var thrown = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(connection, "INSERT 1"));

        Assert.Same(violation, thrown);
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_DriverConnectionBrokeUnderTheLogicalOne_FailsOverLikeANodeError()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.PhysicalOf(connection).Close();

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => RunAsync(connection, "SELECT 1"));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
        await RunAsync(connection, "SELECT 2");
        Assert.Contains("SELECT 2", cluster.PhysicalOf(connection).Executed);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_UsageErrorOnAnOpenDriverConnection_ArrivesUnwrapped()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var misuse = new InvalidOperationException("the command is already in progress");
        cluster.Factory.Kill(FakeCluster.Node1, misuse);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(connection, "SELECT 1"));

        Assert.Same(misuse, thrown);
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_NodeDownWithoutHandler_ArrivesAsTheSameExceptionObject()
    {
        await using var cluster = new FakeCluster(withHandler: false);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var down = FakeCluster.NodeDown();
        cluster.Factory.Kill(FakeCluster.Node1, down);

        var thrown = await Assert.ThrowsAsync<NpgsqlException>(() => RunAsync(connection, "SELECT 1"));

        Assert.Same(down, thrown);
        Assert.False(connection.IsFailoverEnabled);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_NodeDownOutsideTransaction_ThrowsFailoverSuccessAndNextStatementRunsOnNewNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var down = FakeCluster.NodeDown();
        cluster.Factory.Kill(FakeCluster.Node1, down);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE t SET x = 1";

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteNonQueryAsync());
        await command.ExecuteNonQueryAsync();

        Assert.Same(down, error.InnerException);
        Assert.Equal("n1", error.OldHost!.Host);
        Assert.Equal(FakeCluster.Node2, error.NewHost);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.Contains("UPDATE t SET x = 1", cluster.PhysicalOf(connection).Executed);
        var request = Assert.Single(cluster.Handler!.Requests);
        Assert.False(request.InTransaction);
        Assert.Equal(DriverErrorKind.NodeUnavailable, request.ErrorKind);
        Assert.Same(connection, request.Connection);
    }

    [Fact]
    public async Task ExecuteNonQuery_Synchronous_NodeDown_ThrowsFailoverSuccess()
    {
        await using var cluster = new FakeCluster();
        using var connection = cluster.DataSource.OpenConnection();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        Assert.Throws<FailoverSuccessException>(() => command.ExecuteNonQuery());

        Assert.Equal(1, command.ExecuteNonQuery());
        Assert.Equal("n2", cluster.PhysicalOf(connection).Host.Host);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_NodeDownInsideTransaction_ThrowsTransactionResolutionUnknownAfterRollbackAttempt()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var oldPhysical = cluster.PhysicalOf(connection);
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => RunAsync(connection, "INSERT 1"));

        Assert.Equal(TransactionResolutionUnknownException.Code, error.SqlState);
        Assert.Equal(1, oldPhysical.LastTransaction!.RollbackAttempts);
        Assert.True(transaction.IsLost);
        Assert.True(Assert.Single(cluster.Handler!.Requests).InTransaction);
        await transaction.RollbackAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        Assert.Equal(1, await RunAsync(connection, "INSERT 1"));
    }

    [Fact]
    public async Task CommitAsync_NodeDown_ThrowsTransactionResolutionUnknown()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted);
        await RunAsync(connection, "INSERT 1");
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => transaction.CommitAsync());

        Assert.Null(connection.CurrentTransaction);
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_HandlerFindsNoNode_ThrowsFailoverFailedAndConnectionIsBroken()
    {
        await using var cluster = new FakeCluster();
        cluster.Handler!.Target = null;
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var down = FakeCluster.NodeDown();
        cluster.Factory.Kill(FakeCluster.Node1, down);

        var error = await Assert.ThrowsAsync<FailoverFailedException>(() => RunAsync(connection, "SELECT 1"));

        Assert.Same(down, error.InnerException);
        Assert.Null(error.NewHost);
        Assert.Contains("no node in the test", error.Message, StringComparison.Ordinal);
        Assert.Equal(System.Data.ConnectionState.Broken, connection.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(connection, "SELECT 1"));
    }

    [Fact]
    public async Task ExecuteNonQueryAsync_ReadOnlyErrorOnBelievedWriterInStrictWriterMode_FailsOver()
    {
        await using var cluster = new FakeCluster(configure: s => new AuroraConnectionSettings
        {
            FailoverHandler = s.FailoverHandler,
            InitialHostRole = HostRole.Writer,
            FailOverOnReadOnlyError = true,
        });
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.ReadOnly());

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => RunAsync(connection, "INSERT 1"));

        Assert.Equal(DriverErrorKind.ReadOnlyNode, Assert.Single(cluster.Handler!.Requests).ErrorKind);
        Assert.Equal("25006", ((PostgresException)error.InnerException!).SqlState);
    }

    [Theory]
    [InlineData(false, HostRole.Writer)]
    [InlineData(true, HostRole.Unknown)]
    [InlineData(true, HostRole.Reader)]
    public async Task ExecuteNonQueryAsync_ReadOnlyErrorWhenNotStrictWriterOrNodeNotBelievedWriter_ArrivesUnwrapped(bool strictWriter, HostRole role)
    {
        await using var cluster = new FakeCluster(configure: s => new AuroraConnectionSettings
        {
            FailoverHandler = s.FailoverHandler,
            InitialHostRole = role,
            FailOverOnReadOnlyError = strictWriter,
        });
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var readOnly = FakeCluster.ReadOnly();
        cluster.Factory.Kill(FakeCluster.Node1, readOnly);

        var thrown = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(connection, "INSERT 1"));

        Assert.Same(readOnly, thrown);
        Assert.Empty(cluster.Handler!.Requests);
    }

    [Fact]
    public async Task OpenAsync_InitialNodeDown_OpensOnHandlersNodeWithoutError()
    {
        await using var cluster = new FakeCluster();
        cluster.DataSource.CreateConnection().Dispose();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await using var connection = await cluster.DataSource.OpenConnectionAsync();

        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
        Assert.Equal(1, await RunAsync(connection, "SELECT 1"));
    }

    [Fact]
    public async Task ExecuteReaderAsync_NodeDown_ThrowsFailoverSuccessAndReaderWorksAfterwards()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT host";

        await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteReaderAsync());
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("n2", reader.GetString(0));
    }

    [Fact]
    public async Task FailOver_OldPhysicalConnection_IsDisposed()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var oldPhysical = cluster.PhysicalOf(connection);
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await Assert.ThrowsAsync<FailoverSuccessException>(() => RunAsync(connection, "SELECT 1"));
        await connection.CloseAsync();

        await oldPhysical.DisposedTask.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(cluster.Factory.Created.Where(c => c != oldPhysical), c => Assert.True(c.IsDisposed));
    }

    [Fact]
    public async Task RepeatedFailovers_OnOneConnection_EachMovesTheConnection()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await Assert.ThrowsAsync<FailoverSuccessException>(() => RunAsync(connection, "SELECT 1"));

        cluster.Factory.Kill(FakeCluster.Node2, FakeCluster.NodeDown());
        var node3 = new HostSpec("n3", 5432, "instance-3", HostRole.Writer);
        cluster.Handler!.Target = node3;
        var second = await Assert.ThrowsAsync<FailoverSuccessException>(() => RunAsync(connection, "SELECT 1"));

        Assert.Equal(FakeCluster.Node2, second.OldHost);
        Assert.Equal(node3, connection.CurrentHost);
        Assert.Equal(2, cluster.Handler.Requests.Count);
        Assert.Equal(1, await RunAsync(connection, "SELECT 1"));
    }

    [Fact]
    public async Task OpenAsync_InitialNodeDownAndNoOtherNode_ThrowsFailoverFailedAndLeavesTheConnectionClosed()
    {
        await using var cluster = new FakeCluster();
        cluster.Handler!.Target = null;
        var connection = cluster.DataSource.CreateConnection();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await Assert.ThrowsAsync<FailoverFailedException>(() => connection.OpenAsync());

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Equal(1, cluster.Handler.Detached);
        cluster.Handler.Target = FakeCluster.Node2;
        await connection.OpenAsync();
        Assert.Equal(FakeCluster.Node2, connection.CurrentHost);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Commit_Synchronous_NodeDown_ThrowsTransactionResolutionUnknownAndDisposeIsQuiet()
    {
        await using var cluster = new FakeCluster();
        using var connection = cluster.DataSource.OpenConnection();
        var transaction = connection.BeginTransaction();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        var error = Assert.Throws<TransactionResolutionUnknownException>(() => transaction.Commit());
        transaction.Dispose();

        Assert.Equal(FakeCluster.Node2, error.NewHost);
        Assert.True(transaction.IsLost);
        Assert.Null(transaction.Connection);
    }

    [Fact]
    public async Task NonFailoverError_InsideTransaction_KeepsTheTransactionAndTheNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var violation = FakeCluster.UniqueViolation();
        cluster.Factory.Kill(FakeCluster.Node1, violation);

        var thrown = await Assert.ThrowsAsync<PostgresException>(() => RunAsync(connection, "INSERT 1"));

        Assert.Same(violation, thrown);
        Assert.False(transaction.IsLost);
        Assert.Same(transaction, connection.CurrentTransaction);
        Assert.Equal("n1", connection.CurrentHost!.Host);
    }
}
