using System.Diagnostics;
using System.Globalization;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.LocalMariaDb;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using MySql.Data.MySqlClient;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.MySql;

/// <summary>
/// Failover through AuroraConnection over MySqlDriver and MySql.Data on a real MariaDB cluster, with the test
/// handler standing in for the coordinator. Each prints the time from the fault to the first statement on the new writer.
/// </summary>
[Collection(DestructiveMariaDbCollection.Name)]
public sealed class MySqlFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashWriterBetweenStatements_FailoverSuccess_ThenTheSameConnectionRunsOnTheNewWriter()
    {
        await using var scenario = await MySqlClusterScenario.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var oldWriter = scenario.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await scenario.Cluster.FailoverAsync(FailoverFault.Crash);
        scenario.Handler.MoveTo(newWriter);
        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => MySqlClusterScenario.InstanceIdAsync(connection));
        var instance = await MySqlClusterScenario.InstanceIdAsync(connection);
        output.WriteLine($"writer crash -> first successful statement on the new writer: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal((newWriter.Port, HostRole.Writer), (error.NewHost!.Port, error.NewHost.Role));
        Assert.IsType<MySqlException>(error.InnerException);
        Assert.False(Assert.Single(scenario.Handler.Requests).InTransaction);
    }

    [Fact]
    public async Task CrashWriterInsideTransaction_TransactionResolutionUnknown_RedoneTransactionCommits()
    {
        await using var scenario = await MySqlClusterScenario.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1 });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "CREATE TABLE transfers (id INT PRIMARY KEY, amount INT NOT NULL)");
        await scenario.Cluster.WaitForReplicationAsync();
        var transaction = await connection.BeginTransactionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO transfers VALUES (1, -100)", transaction);

        var newWriter = await scenario.Cluster.FailoverAsync(FailoverFault.Crash);
        scenario.Handler.MoveTo(newWriter);
        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(
            () => MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO transfers VALUES (2, 100)", transaction));

        Assert.True(transaction.IsLost);
        Assert.Equal(0L, Convert.ToInt64(await MySqlClusterScenario.ScalarAsync(connection, "SELECT COUNT(*) FROM transfers"), CultureInfo.InvariantCulture));
        await using (var redo = await connection.BeginTransactionAsync())
        {
            await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO transfers VALUES (1, -100)", redo);
            await MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO transfers VALUES (2, 100)", redo);
            await redo.CommitAsync();
        }

        Assert.Equal(newWriter.InstanceId, error.NewHost!.InstanceId);
        Assert.Equal("2 0", await MySqlClusterScenario.ScalarAsync(connection, "SELECT CONCAT(COUNT(*), ' ', SUM(amount)) FROM transfers"));
        Assert.True(Assert.Single(scenario.Handler.Requests).InTransaction);
    }

    [Fact]
    public async Task DuplicateKey_WithFailoverOn_ArrivesAsTheProvidersExceptionAndStartsNoFailover()
    {
        await using var scenario = await MySqlClusterScenario.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 0 });
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        await MySqlClusterScenario.ScalarAsync(connection, "CREATE TABLE once (id INT PRIMARY KEY); INSERT INTO once VALUES (1)");

        var error = await Assert.ThrowsAsync<MySqlException>(() => MySqlClusterScenario.ScalarAsync(connection, "INSERT INTO once VALUES (1)"));

        Assert.Equal(1062, error.Number);
        Assert.Empty(scenario.Handler.Requests);
        Assert.Equal(1L, Convert.ToInt64(await MySqlClusterScenario.ScalarAsync(connection, "SELECT COUNT(*) FROM once"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriterEndpointRepointedLate_FailoverReachesTheNewWriterBeforeTheEndpointMoves()
    {
        var repointDelay = TimeSpan.FromSeconds(5);
        await using var scenario = await MySqlClusterScenario.StartAsync(
            new LocalMariaDbClusterOptions { ReaderCount = 1, EndpointRepointDelay = repointDelay }, c => c.WriterConnectionString);
        await using var connection = await scenario.DataSource.OpenConnectionAsync();
        var oldWriter = scenario.Cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MySqlClusterScenario.InstanceIdAsync(connection));

        var clock = Stopwatch.StartNew();
        var newWriter = await scenario.Cluster.FailoverAsync(FailoverFault.Crash);
        scenario.Handler.MoveTo(newWriter);
        await Assert.ThrowsAsync<FailoverSuccessException>(() => MySqlClusterScenario.InstanceIdAsync(connection));
        var instance = await MySqlClusterScenario.InstanceIdAsync(connection);
        var onNewWriter = clock.Elapsed;
        var endpointTargets = scenario.Cluster.WriterEndpoint.TargetInstanceIds;
        output.WriteLine($"writer crash -> on the new writer after {onNewWriter.TotalMilliseconds:0} ms; the writer endpoint re-points after {repointDelay.TotalMilliseconds:0} ms");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal([oldWriter.InstanceId], endpointTargets);
    }
}
