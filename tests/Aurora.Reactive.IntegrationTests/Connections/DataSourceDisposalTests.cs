using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.Client;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Topology;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// Disposing a data source ends every session it started on the server at once (what is left is the server's own
/// latency in noticing, <see cref="ServerSessions.ServerLatency"/>): its pooled data
/// connections, its host monitors' connections and, when it was the last user, the shared topology monitor's,
/// even with <c>topology_monitor_disposal_time_ms</c> and <c>monitor_disposal_time_ms</c> at their 60 s defaults.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class DataSourceDisposalTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>How long a session may outlive the dispose: only the server's own latency in noticing a closed session.</summary>
    internal static readonly TimeSpan Bound = ServerSessions.ServerLatency;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Failover on (topology read every 500 ms) and monitoring that probes a command after 500 ms; disposal delays left at their defaults.</summary>
    internal static string Settings(string applicationName, LocalPostgresCluster cluster) =>
        $"{cluster.Writer.ConnectionString};Application Name={applicationName};Timeout=5;"
        + $"cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";topology_refresh_rate_ms=500;failover_timeout_sec=30;"
        + "failure_detection_time_ms=500;failure_detection_interval_ms=250;failure_detection_count=3";

    [Fact]
    public async Task DisposeAsync_AfterUseWithFailoverAndMonitoring_NoSessionLeft()
    {
        var applicationName = Unique("aurora-dispose-ds");
        var sessions = ServerSessions.Of(fixture.Cluster, applicationName);
        var dataSource = AuroraDataSource.Create(Settings(applicationName, fixture.Cluster), NpgsqlDriver.Instance);
        await UseAsync(dataSource, sessions, connections: 4);

        await DisposeAndMeasureAsync("data source", () => dataSource.DisposeAsync().AsTask(), sessions);
    }

    [Fact]
    public async Task TwoDataSourcesOnOneCluster_FirstDisposed_SharedMonitorKeepsReadingForTheSecond_SecondDisposed_NoSessionLeft()
    {
        // The monitor is shared by cluster, not by Application Name: its sessions carry the first data source's name.
        var firstName = Unique("aurora-dispose-first");
        var secondName = Unique("aurora-dispose-second");
        var first = AuroraDataSource.Create(Settings(firstName, fixture.Cluster), NpgsqlDriver.Instance);
        var second = AuroraDataSource.Create(Settings(secondName, fixture.Cluster), NpgsqlDriver.Instance);
        var firstSessions = ServerSessions.Of(fixture.Cluster, firstName);
        var secondSessions = ServerSessions.Of(fixture.Cluster, secondName);
        var refreshes = new ConcurrentQueue<DateTime>();
        var coordinator = Assert.IsType<FailoverCoordinator>(second.Settings.FailoverHandler);
        using var events = coordinator.TopologyEvents.Where(e => e.Kind == TopologyMonitorEventKind.Refreshed).Subscribe(_ => refreshes.Enqueue(DateTime.UtcNow));
        await UseAsync(first, firstSessions, connections: 2);
        await UseAsync(second, secondSessions, connections: 2);

        await first.DisposeAsync();
        var disposedAt = DateTime.UtcNow;
        await ClusterSql.WaitUntilAsync(() => Task.FromResult(refreshes.Count(t => t > disposedAt + TimeSpan.FromMilliseconds(100)) >= 2), Patience, "two topology reads after the first data source was disposed");
        await using (var connection = await second.OpenConnectionAsync())
        {
            Assert.Equal(1, await ClusterSql.ScalarAsync<int>(connection, "SELECT 1", CancellationToken.None));
        }

        Assert.True(await firstSessions.OwnAsync() > 0, "the shared topology monitor's sessions, opened under the first data source's name, are still there");

        using var poolLag = new Monitoring.ThreadPoolLag();
        var clock = Stopwatch.StartNew();
        await second.DisposeAsync();
        output.WriteLine($"second data source disposed in {clock.ElapsedMilliseconds} ms");
        var gone = await Task.WhenAll(firstSessions.TimeUntilGoneAsync(Bound), secondSessions.TimeUntilGoneAsync(Bound));
        output.WriteLine($"last session left {Describe(gone[0])} (monitor, first name) / {Describe(gone[1])} (second name) after the dispose returned ({poolLag}); a plain Npgsql session's close took {Describe(await ServerSessions.PlainCloseAsync(fixture.Cluster))}");
        if (gone.Any(g => g is null))
        {
            output.WriteLine($"left behind: {firstSessions.LeftBehind}{Environment.NewLine}{secondSessions.LeftBehind}");
        }

        Assert.All(gone, g => Assert.NotNull(g));
    }

    /// <summary>Opens <paramref name="connections"/> connections at once, each runs a query past the detection time (so a host monitor probes), and closes them into the pool.</summary>
    internal static async Task UseAsync(AuroraDataSource dataSource, ServerSessions sessions, int connections)
    {
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await ClusterSql.ScalarAsync<object>(connection, "SELECT pg_sleep(1)", CancellationToken.None);
        }));
        await ClusterSql.WaitUntilAsync(async () => await sessions.OwnAsync() >= connections, Patience, "the pooled data connections");
    }

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    internal static string Describe(TimeSpan? gone) => gone is { } g ? $"{g.TotalMilliseconds:0} ms" : $"not within {Bound.TotalMilliseconds:0} ms";

    private async Task DisposeAndMeasureAsync(string what, Func<Task> dispose, ServerSessions sessions)
    {
        var before = await sessions.AllAsync();
        var monitoring = await sessions.MonitoringAsync();
        output.WriteLine($"before dispose: {before} sessions, of which {monitoring} host monitoring");
        Assert.True(monitoring > 0, "a host monitor probed during the run");
        using var poolLag = new Monitoring.ThreadPoolLag();
        var clock = Stopwatch.StartNew();
        await dispose();
        output.WriteLine($"{what} disposed in {clock.ElapsedMilliseconds} ms");
        var gone = await sessions.TimeUntilGoneAsync(Bound);
        output.WriteLine($"last session left {Describe(gone)} after the dispose returned ({poolLag}); a plain Npgsql session's close took {Describe(await ServerSessions.PlainCloseAsync(fixture.Cluster))}");
        if (gone is null)
        {
            output.WriteLine($"left behind: {sessions.LeftBehind}");
        }

        Assert.NotNull(gone);
    }
}
