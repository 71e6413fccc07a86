using System.Data.Common;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;
using Npgsql;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraBatchTests
{
    private static AuroraBatch Batch(AuroraConnection connection, params string[] statements)
    {
        var batch = new AuroraBatch { Connection = connection };
        foreach (var sql in statements)
        {
            batch.BatchCommands.Add(new AuroraBatchCommand(sql));
        }

        return batch;
    }

    /// <summary>The driver batch bound now (binding again with nothing changed returns the same one).</summary>
    private static FakeDbBatch Physical(AuroraBatch batch) => (FakeDbBatch)((IDriverRun<DbBatch>)batch).Bind(batch.Connection!);

    [Fact]
    public async Task ExecuteAsync_AfterFailover_ThrowsSuccessThenRunsTheSameStatementsOnTheNewNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var batch = Batch(connection, "UPDATE a SET x = 1", "UPDATE b SET x = 2");
        Assert.Equal(2, await batch.ExecuteNonQueryAsync());
        var before = Physical(batch);
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        await Assert.ThrowsAsync<FailoverSuccessException>(() => batch.ExecuteNonQueryAsync());
        Assert.Equal(2, await batch.ExecuteNonQueryAsync());

        var after = Physical(batch);
        Assert.NotSame(before, after);
        Assert.Equal("n2", after.FakeConnection.Host.Host);
        Assert.Equal(["UPDATE a SET x = 1", "UPDATE b SET x = 2"], after.BatchCommands.Select(c => c.CommandText));
    }

    [Fact]
    public async Task Execute_Sync_AfterFailover_ThrowsSuccess()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        using var batch = Batch(connection, "UPDATE a SET x = 1");
        batch.ExecuteNonQuery();
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        Assert.Throws<FailoverSuccessException>(() => batch.ExecuteNonQuery());
        Assert.Equal(1, batch.ExecuteNonQuery());
    }

    [Fact]
    public async Task Execute_ParametersAndPrepare_MoveToTheNewNode()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        await using var batch = Batch(connection, "UPDATE a SET x = @x");
        var driverParameter = new NpgsqlParameter("x", 1);
        var neutral = new AuroraParameter("y", 1);
        batch.BatchCommands[0].Parameters.Add(driverParameter);
        batch.BatchCommands[0].Parameters.Add(neutral);
        await batch.PrepareAsync();
        var before = Physical(batch);
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await Assert.ThrowsAsync<FailoverSuccessException>(() => batch.ExecuteNonQueryAsync());

        neutral.Value = 2;
        await batch.ExecuteNonQueryAsync();

        var after = Physical(batch);
        Assert.Empty(before.BatchCommands[0].Parameters);
        var bound = after.BatchCommands[0].Parameters;
        Assert.Same(driverParameter, bound[0]);
        Assert.Equal(2, bound[1].Value);
        Assert.Equal(1, after.PrepareCount);
    }

    [Fact]
    public async Task Execute_WithLostTransaction_Refuses()
    {
        await using var cluster = new FakeCluster();
        await using var connection = await cluster.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var batch = Batch(connection, "UPDATE a SET x = 1");
        batch.Transaction = transaction;
        cluster.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => batch.ExecuteNonQueryAsync());

        Assert.Throws<InvalidOperationException>(() => batch.ExecuteNonQuery());
    }
}
