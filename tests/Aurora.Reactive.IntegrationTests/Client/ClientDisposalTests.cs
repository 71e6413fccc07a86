using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.Connections;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>
/// <see cref="AuroraClient.DisposeAsync"/> completes when everything the client started has stopped: right after it no
/// session of the client is left on any node (what is left is the server's own latency in noticing,
/// <see cref="ServerSessions.ServerLatency"/>), with the disposal delays at their 60 s defaults.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClientDisposalTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task DisposeAsync_AfterCallsWithFailoverAndMonitoring_NoSessionLeft()
    {
        var applicationName = DataSourceDisposalTests.Unique("aurora-dispose-client");
        var sessions = ServerSessions.Of(fixture.Cluster, applicationName);
        var client = AuroraClient.CreateBuilder(DataSourceDisposalTests.Settings(applicationName, fixture.Cluster), NpgsqlDriver.Instance).Build();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.ExecuteAsync((c, ct) => ClusterSql.ScalarAsync<object>(c, "SELECT pg_sleep(1)", ct))));
        await ClusterSql.WaitUntilAsync(async () => await sessions.MonitoringAsync() > 0 && await sessions.OwnAsync() >= 4, TimeSpan.FromSeconds(20), "the client's data and monitoring connections");
        output.WriteLine($"before dispose: {await sessions.AllAsync()} sessions, of which {await sessions.MonitoringAsync()} host monitoring");

        using var poolLag = new Monitoring.ThreadPoolLag();
        var clock = Stopwatch.StartNew();
        await client.DisposeAsync();
        output.WriteLine($"client disposed in {clock.ElapsedMilliseconds} ms");
        var gone = await sessions.TimeUntilGoneAsync(DataSourceDisposalTests.Bound);
        output.WriteLine($"last session left {DataSourceDisposalTests.Describe(gone)} after the dispose returned ({poolLag}); a plain Npgsql session's close took {DataSourceDisposalTests.Describe(await ServerSessions.PlainCloseAsync(fixture.Cluster))}");
        if (gone is null)
        {
            output.WriteLine($"left behind: {sessions.LeftBehind}");
        }

        Assert.NotNull(gone);
    }
}
