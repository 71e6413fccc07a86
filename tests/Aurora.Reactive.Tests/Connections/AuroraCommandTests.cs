using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraCommandTests
{
    [Fact]
    public async Task CreateParameter_WithConnection_IsTheDriversType()
    {
        await using var cluster = new FakeCluster();
        await using var connection = cluster.DataSource.CreateConnection();
        await using var command = connection.CreateCommand();

        Assert.IsType<NpgsqlParameter>(command.CreateParameter());
    }

    [Fact]
    public void CreateParameter_WithoutConnection_IsNeutral()
    {
        using var command = new AuroraCommand();

        Assert.IsType<AuroraParameter>(command.CreateParameter());
    }

    [Fact]
    public async Task Execute_DriverParameter_IsTheSameObjectOnThePhysicalCommandAndSeesLaterValueChanges()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT @x";
        var parameter = new NpgsqlParameter("x", 1);
        command.Parameters.Add(parameter);

        await command.ExecuteNonQueryAsync();
        parameter.Value = 2;
        await command.ExecuteNonQueryAsync();

        var physical = command.Unwrap();
        Assert.Same(parameter, Assert.Single(physical.Parameters.Cast<NpgsqlParameter>()));
        Assert.Equal(2, ((NpgsqlParameter)physical.Parameters[0]).Value);
    }

    [Fact]
    public async Task Execute_AfterFailover_MovesTheSameParametersToTheNewPhysicalCommand()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE t SET x = @x";
        command.CommandTimeout = 7;
        var parameter = new NpgsqlParameter("x", 1);
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
        var before = command.Unwrap();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteNonQueryAsync());
        await command.ExecuteNonQueryAsync();

        var after = command.Unwrap();
        Assert.NotSame(before, after);
        Assert.Empty(before.Parameters);
        Assert.Same(parameter, Assert.Single(after.Parameters.Cast<NpgsqlParameter>()));
        Assert.Equal("UPDATE t SET x = @x", after.CommandText);
        Assert.Equal(7, after.CommandTimeout);
        Assert.Equal("n2", ((FakeDbConnection)after.Connection!).Host.Host);
    }

    [Fact]
    public async Task Execute_ParameterSharedWithAnotherCommand_IsBoundAsAClone()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var shared = new NpgsqlParameter("x", 5);
        using var other = new NpgsqlCommand();
        other.Parameters.Add(shared);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT @x";
        command.Parameters.Add(shared);

        await command.ExecuteNonQueryAsync();

        var bound = Assert.Single(command.Unwrap().Parameters.Cast<NpgsqlParameter>());
        Assert.NotSame(shared, bound);
        Assert.Equal("x", bound.ParameterName);
        Assert.Equal(5, bound.Value);
    }

    [Fact]
    public async Task Execute_NeutralParameter_CopiesValueInAndOutputBack()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CALL p(@a, @b)";
        var input = command.Parameters.AddWithValue("a", 1);
        var output = new AuroraParameter { ParameterName = "b", Direction = ParameterDirection.Output, DbType = DbType.Int32 };
        command.Parameters.Add(output);

        await command.ExecuteNonQueryAsync();
        input.Value = 3;
        await command.ExecuteNonQueryAsync();

        var driverParameters = command.Unwrap().Parameters.Cast<NpgsqlParameter>().ToArray();
        Assert.Equal(3, driverParameters[0].Value);
        Assert.Equal(DbType.Int32, driverParameters[1].DbType);
        Assert.Equal(42, output.Value);
    }

    [Fact]
    public async Task Execute_WithLostTransaction_RefusesToRunOutsideATransaction()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted);
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT 1";
        command.Transaction = transaction;
        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => command.ExecuteNonQueryAsync());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("lost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_InTransaction_JoinsThePhysicalTransaction()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT 1";

        await command.ExecuteNonQueryAsync();

        Assert.Same(transaction.Unwrap(), command.Unwrap().Transaction);
        Assert.Equal(IsolationLevel.Serializable, transaction.IsolationLevel);
    }

    [Fact]
    public async Task Prepare_AfterFailover_PreparesTheNewPhysicalCommandAgain()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.PrepareAsync();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await Assert.ThrowsAsync<FailoverSuccessException>(() => command.ExecuteNonQueryAsync());

        await command.ExecuteNonQueryAsync();

        Assert.Equal(1, ((FakeDbCommand)command.Unwrap()).PrepareCount);
    }

    [Fact]
    public void Connection_SetToForeignConnection_ThrowsNamingItsType()
    {
        using var command = new AuroraCommand();
        using var foreign = new NpgsqlConnection();

        var error = Assert.Throws<ArgumentException>(() => ((System.Data.Common.DbCommand)command).Connection = foreign);

        Assert.Contains("NpgsqlConnection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteReader_CloseConnectionBehavior_ClosingTheReaderClosesTheLogicalConnection()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT host";

        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.CloseConnection))
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal("n1", reader.GetString(0));
        }

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task DataSourceCommand_WithoutAConnection_OpensOneForItsExecution()
    {
        await using var cluster = new FakeCluster();
        await using var command = cluster.DataSource.CreateCommand("SELECT 1");

        Assert.Equal("n1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Prepare_PassThroughAfterReopen_PreparesTheNewPhysicalCommandAgain()
    {
        await using var cluster = new FakeCluster(withHandler: false);
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        command.Prepare();
        var first = (FakeDbCommand)command.Unwrap();
        await connection.CloseAsync();
        await connection.OpenAsync();

        Assert.Equal("n1", await command.ExecuteScalarAsync());

        var second = (FakeDbCommand)command.Unwrap();
        Assert.NotSame(first, second);
        Assert.Equal((1, 1), (first.PrepareCount, second.PrepareCount));
    }
}
