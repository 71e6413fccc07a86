using System.Data.Common;
using System.Diagnostics;
using Aurora.Reactive.Connections;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// Prints what watching every command costs: <c>SELECT 1</c> on an open connection, pass-through versus
/// monitoring on (default 30000/5000/3, so no probe is ever sent for such short commands), medians over
/// interleaved batches and bytes allocated per command. Numbers only, nothing asserted against time.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class MonitoringOverheadTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private const int Batch = 300;
    private const int Rounds = 11;

    [Fact]
    public async Task SelectOne_PassThroughVersusMonitored_PrintsMediansAndAllocations()
    {
        var connectionString = fixture.Cluster.Writer.ServerConnectionString;
        await using var passThrough = AuroraDataSource.Create(connectionString, NpgsqlDriver.Instance, AuroraConnectionSettings.Default);
        await using var monitored = AuroraDataSource.Create(
            connectionString, NpgsqlDriver.Instance, new AuroraConnectionSettings { HostMonitoring = new HostMonitoringSettings() });
        await using var failoverOn = AuroraDataSource.Create(
            connectionString, NpgsqlDriver.Instance, new AuroraConnectionSettings { FailoverHandler = new Connections.NodeFailoverHandler() });
        var health = new List<HostHealth>();
        using var healthLog = monitored.HostHealth.Subscribe(h => { lock (health) { health.Add(h); } });
        var sources = new (string Name, AuroraDataSource Source)[] { ("pass-through", passThrough), ("failover on", failoverOn), ("monitoring on", monitored) };
        var runs = sources.Select(_ => new List<double>()).ToArray();
        var bytes = new long[sources.Length];
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < sources.Length; k++)
            {
                var which = (k + round) % sources.Length;
                var (micros, allocated) = await QueryOnOpenConnectionAsync(sources[which].Source);
                runs[which].Add(micros);
                bytes[which] = allocated;
            }
        }

        for (var i = 0; i < sources.Length; i++)
        {
            output.WriteLine($"{sources[i].Name,-14}: SELECT 1 on an open connection, median {Median(runs[i]):0.0} us, {bytes[i]} B/command");
        }

        using var probe = monitored.CreateConnection();
        Assert.True(probe.IsMonitored);
        lock (health)
        {
            Assert.All(health, h => Assert.Equal(HostHealthStatus.Unknown, h.Status)); // short commands: no probe at all
        }
    }

    private static async Task<(double Micros, long Bytes)> QueryOnOpenConnectionAsync(DbDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await command.ExecuteScalarAsync();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Batch; i++)
        {
            await command.ExecuteScalarAsync();
        }

        var micros = clock.Elapsed.TotalMicroseconds / Batch;
        return (micros, (GC.GetTotalAllocatedBytes(precise: true) - before) / Batch);
    }

    private static double Median(List<double> values) => values.Order().ToArray()[values.Count / 2];
}
