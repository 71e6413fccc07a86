using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>Cancellation by the caller and disposal during a failover, checked on the server and in the process.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ClientLifetimeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ExecuteAsync_CallerCancelsALongQuery_ThrowsOperationCanceledAndTheQueryStopsOnTheServer()
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        var writer = scenario.Cluster.Writer;
        using var cancellation = new CancellationTokenSource();

        var call = scenario.Client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<object>(c, "SELECT pg_sleep(30)", ct), cancellation.Token);
        await ClusterSql.WaitUntilAsync(async () => await RunningSleepsAsync(writer) > 0, TimeSpan.FromSeconds(20), "the query to run");
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        output.WriteLine($"caller released {clock.ElapsedMilliseconds} ms after cancelling");
        await ClusterSql.WaitUntilAsync(async () => await RunningSleepsAsync(writer) == 0, TimeSpan.FromSeconds(10), "the query to stop on the server");

        Assert.Equal(0, scenario.Client.CallsInFlight);
        Assert.Equal(42, await scenario.Client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<int>(c, "SELECT 42", ct)));
    }

    [Fact]
    public async Task DisposeAsync_DuringAFailover_EndsTheCallAndLeavesNoSessionNorMonitorBehind()
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        var writer = scenario.Cluster.Writer;
        var reader = scenario.Cluster.Readers[0];
        await scenario.Client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<int>(c, "SELECT 1", ct));
        await ClusterSql.WaitUntilAsync(async () => await ClientClusterScenario.SessionsOnAsync(reader) > 0, TimeSpan.FromSeconds(20), "the health monitor's connection to the reader");
        var completed = new List<string>();
        scenario.Client.Events.Subscribe(_ => { }, () => completed.Add("events"));
        scenario.Client.HostHealth.Subscribe(_ => { }, () => completed.Add("health"));
        scenario.Client.Topology.Subscribe(_ => { }, () => completed.Add("topology"));
        await scenario.Cluster.CrashAsync(writer);

        var call = scenario.Client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<int>(c, "SELECT 1", ct));
        await ClusterSql.WaitUntilAsync(() => Task.FromResult(scenario.Events.Any(e => e.Kind == AuroraClientEventKind.FailoverStarted)), TimeSpan.FromSeconds(20), "the failover to start");
        var clock = Stopwatch.StartNew();
        await scenario.Client.DisposeAsync();
        output.WriteLine($"disposed during a failover in {clock.ElapsedMilliseconds} ms");

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
        Assert.Equal(0, scenario.Client.CallsInFlight);
        Assert.Equal(["events", "health", "topology"], completed.Order());
        var sinceDisposed = Stopwatch.StartNew();
        try
        {
            // Everything the client started has stopped when DisposeAsync returns: a session may take the server a moment to end, not more.
            await ClusterSql.WaitUntilAsync(async () => await ClientClusterScenario.SessionsOnAsync(reader) == 0, TimeSpan.FromSeconds(1), "no session of the client on the reader");
            output.WriteLine($"last session on the reader left {sinceDisposed.ElapsedMilliseconds} ms after the dispose returned");
        }
        catch (TimeoutException)
        {
            output.WriteLine($"sessions left on the reader:{Environment.NewLine}{await ClientClusterScenario.DescribeSessionsOnAsync(reader)}");
            throw;
        }
    }

    private static async Task<long> RunningSleepsAsync(LocalPostgresNode node) =>
        (long)(await ClientClusterScenario.ScalarOnAsync(
            node,
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{ClientClusterScenario.ApplicationName}' AND state = 'active' AND query LIKE 'SELECT pg_sleep%'"))!;
}
