using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySqlConnector;

/// <summary>
/// The library's coordinator and failure monitoring over <c>MySqlConnectorDriver</c> on a real MariaDB cluster, with
/// <c>cluster_instance_endpoints</c> given: the server is not Aurora, so the dialect detected is MySQL replication. Each
/// prints the time from the fault to the caller's release or first statement on the new writer.
/// </summary>
[Collection(DestructiveMariaDbCollection.Name)]
public sealed class MySqlConnectorFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashWriterBetweenStatements_FailoverSuccess_ThenTheNextStatementRunsOnTheNewWriter()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var promotedAfter = clock.ElapsedMilliseconds;
        var (instance, raised) = await MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
        output.WriteLine($"MySqlConnector, writer crash: reader promoted after {promotedAfter} ms; first statement on the new writer {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")})");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(newWriter.Port, connection.CurrentHost!.Port);

        // The replication dialect names a node by its address; Aurora's (which this server is not) would name it by the map's instance id.
        Assert.Equal(connection.CurrentHost.Endpoint, connection.CurrentHost.InstanceId);
    }

    [Fact]
    public async Task CrashWriterBetweenStatements_EveryNodeListedInServer_TheReplicationDialectFindsTheNewWriter()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 2 }, listEveryNode: true);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var promotedAfter = clock.ElapsedMilliseconds;
        var (instance, raised) = await MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
        output.WriteLine($"MySqlConnector, Server=<every node>, writer crash: {newWriter.InstanceId} promoted after {promotedAfter} ms; first statement on the new writer {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")})");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(newWriter.Port, connection.CurrentHost!.Port);
    }

    [Fact]
    public async Task CrashWriterInsideTransaction_TransactionResolutionUnknown_ThenTheRedoCommits()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await MySqlConnectorKit.ScalarAsync(connection, "CREATE TABLE ledger (id INT PRIMARY KEY, amount INT NOT NULL)");
        await kit.Cluster.WaitForReplicationAsync();
        var transaction = await connection.BeginTransactionAsync();
        await MySqlConnectorKit.ScalarAsync(connection, "INSERT INTO ledger VALUES (1, -100)", transaction);

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(
            () => MySqlConnectorKit.ScalarAsync(connection, "INSERT INTO ledger VALUES (2, 100)", transaction));
        output.WriteLine($"MySqlConnector, writer crash inside a transaction: TransactionResolutionUnknown {clock.ElapsedMilliseconds} ms after the crash");
        await using (var redo = await connection.BeginTransactionAsync())
        {
            await MySqlConnectorKit.ScalarAsync(connection, "INSERT INTO ledger VALUES (1, -100)", redo);
            await MySqlConnectorKit.ScalarAsync(connection, "INSERT INTO ledger VALUES (2, 100)", redo);
            await redo.CommitAsync();
        }

        Assert.Equal(newWriter.Port, error.NewHost!.Port);
        Assert.Equal(newWriter.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));
        Assert.Equal("2 0", await MySqlConnectorKit.ScalarAsync(connection, "SELECT CONCAT(COUNT(*), ' ', SUM(amount)) FROM ledger"));
    }

    [Fact]
    public async Task FrozenWriterDuringSleep_MonitoringReleasesTheCallerNearTheBound_OnTheNewWriter()
    {
        // Dead 1000 ms + 2 x 500 ms after the command started on a frozen node: a bound of 2 s from the command's start.
        await using var kit = await MySqlConnectorKit.StartAsync(
            new LocalMariaDbClusterOptions { ReaderCount = 1 },
            "failure_detection_time_ms=1000;failure_detection_interval_ms=500;failure_detection_count=2;Default Command Timeout=60");
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));

        var started = Stopwatch.StartNew();
        var sleeping = MySqlConnectorKit.ScalarAsync(connection, "SELECT SLEEP(30)");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(20)));
        var releasedAfterStart = started.ElapsedMilliseconds;
        var releasedAfterFreeze = clock.ElapsedMilliseconds;
        var newWriter = await failover;
        output.WriteLine($"MySqlConnector, writer frozen during SELECT SLEEP(30), 1000/500/2: caller released {releasedAfterStart} ms after the command started (bound 2000 ms plus the failover), {releasedAfterFreeze} ms after the freeze ({error.InnerException?.GetType().Name})");

        Assert.Equal(oldWriter.Port, error.OldHost!.Port);
        Assert.Equal(newWriter.Port, error.NewHost!.Port);
        Assert.Equal(newWriter.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));
        Assert.True(releasedAfterStart < 10_000, $"released {releasedAfterStart} ms after the command started; SLEEP(30) would have held it 30 s");
    }

    [Fact]
    public async Task ThreeCrashesOnOneConnection_EachFailsOverLikeTheFirst()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 3 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        for (var round = 1; round <= 3; round++)
        {
            var oldWriter = kit.Cluster.Writer.InstanceId;
            var clock = Stopwatch.StartNew();
            var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
            var (instance, raised) = await MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
            output.WriteLine($"crash {round} ({oldWriter} -> {newWriter.InstanceId}): first statement on the new writer {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")})");

            Assert.Equal(newWriter.InstanceId, instance);
        }
    }

    [Fact]
    public async Task StrictReader_ReaderCrashes_MovesToTheOtherReader()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(
            new LocalMariaDbClusterOptions { ReaderCount = 2 }, "failover_mode=strict_reader", entry: c => c.Readers[0].ConnectionString);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var (reader, otherReader) = (kit.Cluster.Readers[0], kit.Cluster.Readers[1]);
        Assert.Equal(reader.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        await kit.Cluster.CrashAsync(reader);
        var (instance, raised) = await MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
        output.WriteLine($"MySqlConnector, strict_reader, reader crash: first statement on the other reader {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")})");

        Assert.Equal(otherReader.InstanceId, instance);
        Assert.Equal(1L, Convert.ToInt64(await MySqlConnectorKit.ScalarAsync(connection, "SELECT @@read_only"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CrashWriter_OverTheKitsAuroraEmulation_TheAuroraMySqlDialectReadsTheTopologyAndFindsTheNewWriter()
    {
        await using var kit = await MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 }, driver: MySqlConnectorKit.EmulatedAurora);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        Assert.Equal(kit.Cluster.Writer.InstanceId, await MySqlConnectorKit.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var (instance, raised) = await MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
        output.WriteLine($"MySqlConnector over the Aurora emulation, writer crash: first statement on the new writer {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")}); now on {connection.CurrentHost}");

        Assert.Equal(newWriter.InstanceId, instance);

        // The Aurora dialect names the node as the topology table does, by instance id: the emulation was read.
        Assert.Equal(newWriter.InstanceId, connection.CurrentHost!.InstanceId);
    }
}
