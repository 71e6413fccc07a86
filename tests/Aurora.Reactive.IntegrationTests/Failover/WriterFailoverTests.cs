using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Dapper;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>
/// Writer failovers end to end through the real coordinator, built from the connection string. Each prints the
/// time from the fault to the first successful statement on the new writer.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class WriterFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashWriterBetweenStatements_FailoverSuccess_NextStatementRunsOnTheNewWriter()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await KitDataSource.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        output.WriteLine($"crash between statements: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

        var newWriter = await failover;
        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(oldWriter.Port, error.OldHost!.Port);
        Assert.Equal((newWriter.Port, HostRole.Writer), (error.NewHost!.Port, error.NewHost.Role));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT pg_catalog.pg_is_in_recovery()"));
    }

    [Fact]
    public async Task CrashWriterInsideTransaction_TransactionResolutionUnknown_RedoneTransactionCommitsWithoutHalfRows()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE transfers (id int PRIMARY KEY, amount int NOT NULL)");
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("INSERT INTO transfers VALUES (1, -100)", transaction: transaction);

        var clock = Stopwatch.StartNew();
        await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(
            () => connection.ExecuteAsync("INSERT INTO transfers VALUES (2, 100)", transaction: transaction));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM transfers"));
        output.WriteLine($"crash inside a transaction: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

        await using (var redo = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO transfers VALUES (1, -100), (2, 100)", transaction: redo);
            await redo.CommitAsync();
        }

        Assert.Equal((2L, 0L), await connection.QuerySingleAsync<(long, long)>("SELECT count(*), sum(amount) FROM transfers"));
    }

    [Fact]
    public async Task ThreeSwitchoversOnOneConnection_EachFailsOverLikeTheFirst()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                var oldWriter = kit.Cluster.Writer.InstanceId;
                var clock = Stopwatch.StartNew();
                kit.Note($"switchover {round} from {oldWriter}");
                var newWriter = await kit.Cluster.SwitchoverAsync();
                kit.Note($"switchover {round} done: {newWriter.InstanceId} promoted");

                // Every move is reported: the next statement raises FailoverSuccess, whether the writer watch moved the idle
                // connection first or the statement met the old node's error; the one after it runs on the new writer.
                await Assert.ThrowsAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
                var instance = await KitDataSource.InstanceIdAsync(connection);

                output.WriteLine($"switchover {round} ({oldWriter} -> {newWriter.InstanceId}): fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");
                Assert.Equal(newWriter.InstanceId, instance);
            }
        }
        finally
        {
            output.WriteLine(kit.Trace);
        }
    }
}
