using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Npgsql;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// The whole stack as users build it, <c>AuroraDataSource.Create(connection string, NpgsqlDriver.Instance)</c>
/// with both plugins (the defaults): the writer freezes during <c>pg_sleep(60)</c> and the cluster promotes a
/// reader; the query is released and the failover coordinator moves the connection to the new writer. Topology
/// refreshes are slow (60 s), yet the statement stalling on the writer for 500 ms makes the topology be read at once
/// (the stall watch), so the writer watch usually sees the promotion before monitoring's verdict (2000/1000/2, 4 s
/// after the start); either release counts, within monitoring's bound.
/// </summary>
[Collection(MonitoredDataSource.TimingCollection)]
public sealed class CoordinatorReleaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FreezeWriterDuringLongQuery_ReleasedWithinMonitoringsBound_AndTheCoordinatorFailsOverToTheNewWriter()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await using var dataSource = AuroraDataSource.Create(
            $"{cluster.Writer.ConnectionString};cluster_instance_endpoints=\"{cluster.InstanceEndpoints}\";topology_refresh_rate_ms=60000;"
            + $"topology_monitor_disposal_time_ms=0;{MonitoredDataSource.ShortDetection}",
            NpgsqlDriver.Instance);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new AuroraCommand("SELECT pg_sleep(60)", connection) { CommandTimeout = 0 };

        var sinceStart = Stopwatch.StartNew();
        var running = command.ExecuteNonQueryAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var sinceFault = Stopwatch.StartNew();
        var promotion = cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
        var (error, releasedAfter) = await MonitoredDataSource.ReleaseAsync(running, sinceFault);
        var newWriter = await promotion.WaitAsync(MonitoredDataSource.Safety);

        var failover = Assert.IsType<FailoverSuccessException>(error);
        var detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2);
        var releasedBy = failover.InnerException switch
        {
            HostUnavailableException unavailable => $"monitoring, declared dead {unavailable.Verdict.SinceCommandStart.TotalMilliseconds:0} ms after the query started",
            WriterChangedException => "the writer watch (the stall watch read the topology at once)",
            var other => throw new Xunit.Sdk.XunitException($"released by an unexpected {other?.GetType().Name}: {other?.Message}"),
        };
        output.WriteLine(
            $"freeze + promotion 500 ms later, both plugins, coordinator, {detection}: released by {releasedBy}; "
            + $"caller released on the new writer {releasedAfter.TotalMilliseconds:0} ms after the fault ({sinceStart.ElapsedMilliseconds} ms after the start; monitoring's bound {detection.DeadAfterFrozen.TotalMilliseconds:0} ms from the start)");
        Assert.Equal(newWriter.Port, connection.CurrentHost!.Port);
        if (failover.InnerException is HostUnavailableException { Verdict: var verdict })
        {
            Assert.InRange(verdict.SinceCommandStart, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5.5));
        }

        Assert.True(sinceStart.Elapsed < TimeSpan.FromSeconds(10), $"released {sinceStart.ElapsedMilliseconds} ms after the start; monitoring alone would have released it by about 4 s plus the failover");
        await using var check = new AuroraCommand("SELECT pg_catalog.pg_is_in_recovery()", connection);
        Assert.Equal(false, await check.ExecuteScalarAsync());
    }
}
