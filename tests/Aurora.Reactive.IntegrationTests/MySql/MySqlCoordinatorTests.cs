using System.Diagnostics;
using System.Globalization;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySql.Data.MySqlClient;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>
/// The library's own failover coordinator and failure monitoring over MySqlDriver and MySql.Data, on a real MariaDB
/// cluster through the MySQL replication dialect. Each prints the time from the fault to the caller's release.
/// </summary>
[Collection(DestructiveMariaDbCollection.Name)]
public sealed class MySqlCoordinatorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashWriterBetweenStatements_CoordinatorFindsTheNewWriter()
    {
        await using var kit = await MySqlKitDataSource.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 2 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash, delayBeforePromotion: TimeSpan.FromMilliseconds(500));

        // The error arrives with the next statement, unless the topology showed the new writer first and the idle
        // connection moved before it (then without an error: nothing of the caller's was interrupted).
        FailoverSuccessException? error = null;
        string? instance;
        try
        {
            instance = await MySqlClusterScenario.InstanceIdAsync(connection);
        }
        catch (FailoverSuccessException failover)
        {
            error = failover;
            instance = await MySqlClusterScenario.InstanceIdAsync(connection);
        }

        output.WriteLine($"writer crash -> first statement on the new writer through the coordinator: {clock.ElapsedMilliseconds} ms ({(error is null ? "moved while idle" : "after FailoverSuccess")})");
        Assert.Equal(newWriter.InstanceId, instance);
        if (error is not null)
        {
            Assert.Equal(oldWriter.Port, error.OldHost!.Port);
            Assert.Equal(newWriter.Port, error.NewHost!.Port);
        }
    }

    [Fact]
    public async Task CrashWriter_WithInstanceEndpoints_TheServerIsNotAurora_SoTheReplicationDialectFindsTheNewWriter()
    {
        // cluster_instance_endpoints used to choose Aurora MySQL, whose topology table MariaDB lacks; the server decides now.
        await using var kit = await MySqlConnector.MySqlConnectorKit.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 }, driver: MySqlClusterScenario.Driver);
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        Assert.Equal(kit.Cluster.Writer.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        var (instance, raised) = await MySqlConnector.MySqlConnectorKit.InstanceIdAfterFailoverAsync(connection);
        output.WriteLine($"MySql.Data with cluster_instance_endpoints, writer crash: first statement on the new writer {clock.ElapsedMilliseconds} ms after the crash ({(raised ? "after FailoverSuccess" : "moved while idle")})");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(connection.CurrentHost!.Endpoint, connection.CurrentHost.InstanceId);
    }

    [Fact]
    public async Task CrashWriterInsideTransaction_TransactionResolutionUnknown_ThenTheRedoCommits()
    {
        await using var kit = await MySqlKitDataSource.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "CREATE TABLE ledger (id INT PRIMARY KEY, amount INT NOT NULL)");
        await kit.Cluster.WaitForReplicationAsync();
        var transaction = await connection.BeginTransactionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO ledger VALUES (1, -100)", transaction);

        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash);
        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(
            () => MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO ledger VALUES (2, 100)", transaction));
        await using (var redo = await connection.BeginTransactionAsync())
        {
            await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO ledger VALUES (1, -100)", redo);
            await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO ledger VALUES (2, 100)", redo);
            await redo.CommitAsync();
        }

        Assert.Equal(newWriter.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));
        Assert.Equal("2 0", await MySqlClusterScenario.ScalarAsync(connection, "SELECT CONCAT(COUNT(*), ' ', SUM(amount)) FROM ledger"));
    }

    [Fact]
    public async Task FrozenWriterDuringSleep_TheDataSourcesMonitoringReleasesTheCaller_AndTheCoordinatorFindsTheNewWriter()
    {
        // Detection as configured by a user: dead 1 s + 2 x 1 s after the command started on a frozen node.
        await using var kit = await MySqlKitDataSource.StartAsync(
            new LocalMariaDbClusterOptions { ReaderCount = 1 },
            "failure_detection_time_ms=1000;failure_detection_interval_ms=1000;failure_detection_count=2;Default Command Timeout=120");
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;

        var sleeping = MySqlClusterScenario.ScalarAsync(connection, "SELECT SLEEP(60)");
        Assert.False(sleeping.IsCompleted); // MySql.Data's blocking call runs on the thread pool, not on this thread
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        var unhealthyAt = -1L;
        using var health = kit.DataSource.HostHealth.Subscribe(h =>
        {
            if (h.Status == Aurora.Reactive.Monitoring.HostHealthStatus.Unhealthy)
            {
                Interlocked.CompareExchange(ref unhealthyAt, clock.ElapsedMilliseconds, -1L);
            }
        });
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));

        // Released long before MySql.Data's 120 s command timeout: by monitoring or by the writer watch, whichever is first.
        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(30)));
        var releasedAfter = clock.ElapsedMilliseconds;
        var newWriter = await failover;
        output.WriteLine($"MySQL writer frozen during SELECT SLEEP(60), 1000/1000/2: declared dead {Interlocked.Read(ref unhealthyAt)} ms after the freeze (bound 3000 ms from the command's start, 300 ms before the freeze); caller released with FailoverSuccess {releasedAfter} ms after the freeze ({error.InnerException?.GetType().Name})");

        Assert.Equal(oldWriter.Port, error.OldHost!.Port);
        Assert.Equal(newWriter.Port, error.NewHost!.Port);
        Assert.Equal(newWriter.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));
    }

    [Fact]
    public async Task DuplicateKey_ArrivesAsMySqlDatasOwnException()
    {
        await using var kit = await MySqlKitDataSource.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "CREATE TABLE single (id INT PRIMARY KEY); INSERT INTO single VALUES (1)");

        var error = await Assert.ThrowsAsync<MySqlException>(() => MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO single VALUES (1)"));

        Assert.Equal(1062, error.Number);
        Assert.Equal(1L, Convert.ToInt64(await MySqlClusterScenario.ScalarAsync(connection, "SELECT COUNT(*) FROM single"), CultureInfo.InvariantCulture));
        Assert.Equal(kit.Cluster.Writer.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));
    }
}
