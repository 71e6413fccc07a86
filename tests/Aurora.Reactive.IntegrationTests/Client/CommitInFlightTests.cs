using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>
/// A unit whose COMMIT is in flight when its session or node is lost: held in flight for real by freezing the
/// synchronous standbys (the commit waits for them), then broken. The row's unique key proves it is applied once.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class CommitInFlightTests(ITestOutputHelper output)
{
    private const string WaitingForStandbySql =
        $"SELECT pid FROM pg_stat_activity WHERE application_name = '{ClientClusterScenario.ApplicationName}' AND wait_event = 'SyncRep'";

    [Fact]
    public async Task ExecuteInTransactionAsync_SessionEndedWhileCommitWaitsForTheStandby_ReturnsTheFirstResultWithoutRunningAgain()
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1, SynchronousReplication = true });
        await scenario.Client.ExecuteNonQueryAsync("CREATE TABLE payments (payment_key text PRIMARY KEY)");
        var writer = scenario.Cluster.Writer;
        var reader = scenario.Cluster.Readers[0];
        var runs = 0;

        var call = scenario.Client.ExecuteInTransactionAsync(async (connection, transaction, ct) =>
        {
            var run = Interlocked.Increment(ref runs);
            await ClusterSql.ExecuteAsync(connection, "INSERT INTO payments VALUES ('order-42')", ct, transaction);
            if (run == 1)
            {
                await scenario.Cluster.FreezeAsync(reader);
            }

            return run;
        });
        var pid = await WaitForCommitInFlightAsync(writer);
        await ClientClusterScenario.ScalarOnAsync(writer, $"SELECT pg_terminate_backend({pid})");
        await scenario.Cluster.ThawAsync(reader);
        var result = await call;

        var outcome = Assert.Single(scenario.Events, e => e.Kind == AuroraClientEventKind.CommitOutcomeResolved);
        output.WriteLine(outcome.ToString());
        Assert.Equal(1, result);
        Assert.Equal(1, runs);
        Assert.Contains("Committed", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await ClientClusterScenario.ScalarOnAsync(writer, "SELECT count(*) FROM payments WHERE payment_key = 'order-42'"));
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_WriterCrashesWhileCommitWaitsForTheStandbys_TheRowIsOnTheNewWriterExactlyOnce()
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true });
        await scenario.Client.ExecuteNonQueryAsync("CREATE TABLE payments (payment_key text PRIMARY KEY)");
        var writer = scenario.Cluster.Writer;
        var readers = scenario.Cluster.Readers;
        var runs = 0;

        var call = scenario.Client.ExecuteInTransactionAsync(async (connection, transaction, ct) =>
        {
            var run = Interlocked.Increment(ref runs);
            await ClusterSql.ExecuteAsync(connection, "INSERT INTO payments VALUES ('order-7')", ct, transaction);
            if (run == 1)
            {
                foreach (var reader in readers)
                {
                    await scenario.Cluster.FreezeAsync(reader);
                }
            }

            return await ClusterSql.ScalarAsync<string>(connection, "SELECT pg_catalog.aurora_db_instance_identifier()", ct, transaction);
        });
        await WaitForCommitInFlightAsync(writer);
        var promoted = readers[0];
        await scenario.Cluster.CrashAsync(writer);
        foreach (var reader in readers)
        {
            await scenario.Cluster.ThawAsync(reader);
        }

        await scenario.Cluster.PromoteAsync(promoted);
        var ranOn = await call;

        var outcome = Assert.Single(scenario.Events, e => e.Kind == AuroraClientEventKind.CommitOutcomeResolved);
        output.WriteLine($"{outcome}; the unit ran {runs} time(s); the returned result says it ran on {ranOn}");
        Assert.Equal(1L, await ClientClusterScenario.ScalarOnAsync(promoted, "SELECT count(*) FROM payments WHERE payment_key = 'order-7'"));
        Assert.Equal(outcome.Message.Contains("NotCommitted", StringComparison.Ordinal) ? 2 : 1, runs);
        Assert.Equal(runs == 2 ? promoted.InstanceId : writer.InstanceId, ranOn);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_NetworkDroppedAsTheCommitIsSent_RunsTheUnitAgainAndTheRowIsThereOnce()
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await scenario.Client.ExecuteNonQueryAsync("CREATE TABLE payments (payment_key text PRIMARY KEY)");
        var writer = scenario.Cluster.Writer;
        var runs = 0;

        var call = scenario.Client.ExecuteInTransactionAsync(async (connection, transaction, ct) =>
        {
            var run = Interlocked.Increment(ref runs);
            await ClusterSql.ExecuteAsync(connection, "INSERT INTO payments VALUES ('order-9')", ct, transaction);
            if (run == 1)
            {
                await scenario.Cluster.CutNetworkAsync(writer, NetworkCutMode.Drop);
            }

            return run;
        });
        await ClusterSql.WaitUntilAsync(
            () => Task.FromResult(scenario.Events.Any(e => e.Kind == AuroraClientEventKind.FailoverStarted)), TimeSpan.FromSeconds(20), "the commit to fail");
        await scenario.Cluster.RestoreNetworkAsync(writer);
        var result = await call;

        var outcome = Assert.Single(scenario.Events, e => e.Kind == AuroraClientEventKind.CommitOutcomeResolved);
        output.WriteLine(outcome.ToString());
        Assert.Contains("NotCommitted", outcome.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2), (result, runs));
        Assert.Equal(1L, await ClientClusterScenario.ScalarOnAsync(writer, "SELECT count(*) FROM payments WHERE payment_key = 'order-9'"));
    }

    private static Task<int> WaitForCommitInFlightAsync(LocalPostgresNode writer) =>
        ClusterSql.WaitForAsync(async () => (int?)await ClientClusterScenario.ScalarOnAsync(writer, WaitingForStandbySql), TimeSpan.FromSeconds(20), "the COMMIT waiting for the standby");
}
