using System.Data.Common;
using System.Diagnostics;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.IntegrationTests.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Connections;

/// <summary>
/// Applications that open a pooled connection per unit of work through the writer endpoint, on the local PostgreSQL
/// cluster: new connections open where the topology says, so a crash or a freeze costs about what it costs a held
/// connection, and the endpoint's late re-pointing (30 s here) is never waited for.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class OpenPerUnitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DoesNotHang = TimeSpan.FromSeconds(60);

    // Far above the 0.7 to 1.2 s measured on the shared machine, far below the 30 s of a slow topology refresh.
    private static readonly TimeSpan FirstWriteBound = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(FailoverFault.Crash)]
    [InlineData(FailoverFault.Freeze)]
    public async Task OpenPerWrite_ThroughTheWriterEndpoint_FirstWriteAfterTheFaultLandsOnTheNewWriter(FailoverFault fault)
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 1, EndpointRepointDelay = TimeSpan.FromSeconds(30) }, entry: c => c.WriterConnectionString);
        await UnitOfWork.WriteAsync(kit.DataSource, "CREATE TABLE IF NOT EXISTS unit_writes (id serial PRIMARY KEY, note text)");
        await TopologyKnownAsync(kit);
        var before = await UnitOfWork.WriteAsync(kit.DataSource, "INSERT INTO unit_writes (note) VALUES ('before')");
        Assert.Equal(kit.Cluster.Writer.Port, before.Port);

        var clock = Stopwatch.StartNew();
        kit.Note($"{fault} of the writer");
        var failover = kit.Cluster.FailoverAsync(fault, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
        try
        {
            var (landed, errors) = await UnitOfWork.UntilOneLandsAsync(kit.DataSource, "INSERT INTO unit_writes (note) VALUES ('after')", clock, DoesNotHang);
            var firstWrite = clock.ElapsedMilliseconds;
            var newWriter = await failover.WaitAsync(DoesNotHang);
            output.WriteLine($"open per write through the writer endpoint (re-points after 30 s), writer {fault}: fault -> first successful open+write {firstWrite} ms; errors seen: {(errors.Count == 0 ? "none" : string.Join(", ", errors))}");
            Assert.NotNull(landed);
            Assert.Equal(newWriter.Port, landed!.Port);

            // Promotion 0.5 s after the fault plus the promotion itself; before the stall watch a freeze cost the next
            // 30 s topology refresh here (31.2 s measured), since the pooled open succeeds at once on the frozen node.
            Assert.True(firstWrite < FirstWriteBound.TotalMilliseconds, $"first write after the {fault} took {firstWrite} ms (bound {FirstWriteBound.TotalMilliseconds} ms)");
        }
        finally
        {
            output.WriteLine(kit.Trace);
        }
    }

    [Fact]
    public async Task IdleConnectionMovedByTheWriterWatch_NextStatementReportsTheMove()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await TopologyKnownAsync(kit);
        var coordinator = (FailoverCoordinator)kit.DataSource.Settings.FailoverHandler!;
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = await KitDataSource.InstanceIdAsync(connection);

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Crash, delayBeforePromotion: TimeSpan.FromMilliseconds(500)).WaitAsync(DoesNotHang);
        await coordinator.Topology.Where(s => s.Writer?.Port == newWriter.Port).FirstAsync().ToTask().WaitAsync(DoesNotHang);
        var topologyShowed = clock.ElapsedMilliseconds;

        var error = await Assert.ThrowsAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);

        output.WriteLine($"idle connection on {oldWriter}: the topology showed {newWriter.InstanceId} after {topologyShowed} ms; next statement raised {error.GetType().Name} ({error.OldHost} -> {error.NewHost}); then ran on {instance}");
        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(newWriter.Port, error.NewHost!.Port);
    }

    [Fact]
    public async Task ClearPoolAsync_NpgsqlNode_ClosesTheIdlePooledConnectionsToIt()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 });
        await TopologyKnownAsync(kit);
        var writer = new HostSpec("127.0.0.1", kit.Cluster.Writer.Port);
        var held = new List<AuroraConnection>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await kit.DataSource.OpenConnectionAsync());
        }

        foreach (var connection in held)
        {
            await KitDataSource.InstanceIdAsync(connection);
            await connection.DisposeAsync();
        }

        var pooled = await BackendsAsync(kit);
        await kit.DataSource.Connections.ClearPoolAsync(writer);
        var clock = Stopwatch.StartNew();
        var after = pooled;
        while (pooled - after < 3 && clock.Elapsed < DoesNotHang)
        {
            await Task.Delay(50);
            after = await BackendsAsync(kit);
        }

        output.WriteLine($"backends of the data source on the writer: {pooled} with 3 idle pooled connections, {after} after ClearPoolAsync");
        Assert.True(pooled - after >= 3, $"{pooled} backends before clearing, {after} after");
    }

    [Fact]
    public async Task StrictReader_OpensThroughTheReaderEndpoint_LandOnReadersSpreadAcrossThem()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "failover_mode=strict_reader", entry: c => c.ReaderConnectionString);
        await TopologyKnownAsync(kit);
        var readers = kit.Cluster.Readers.Select(r => r.InstanceId).ToHashSet();
        var held = new List<AuroraConnection>();
        try
        {
            var landed = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                var connection = await kit.DataSource.OpenConnectionAsync();
                held.Add(connection);
                landed.Add(await KitDataSource.InstanceIdAsync(connection));
            }

            output.WriteLine($"strict_reader opens through the reader endpoint landed on {string.Join(", ", landed)} (readers {string.Join(", ", readers)})");
            Assert.All(landed, instance => Assert.Contains(instance, readers));
            Assert.Equal(readers, landed.ToHashSet());
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ReaderOrWriter_AStringNamingOneNode_OpensOnThatNode()
    {
        // What an instance endpoint gets (the kit has no RDS host names; the mapping of those to "that instance" is unit-tested).
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "failover_mode=reader_or_writer", entry: c => c.Readers[1].ConnectionString);
        await TopologyKnownAsync(kit);
        var named = kit.Cluster.Readers[1];

        var landed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await kit.DataSource.OpenConnectionAsync();
            landed.Add(await KitDataSource.InstanceIdAsync(connection));
        }

        output.WriteLine($"reader_or_writer opens of {named.InstanceId}'s own string landed on {string.Join(", ", landed)}");
        Assert.All(landed, instance => Assert.Equal(named.InstanceId, instance));
    }

    [Fact]
    public async Task WriterChange_TheIdlePooledConnectionsToTheOldWriterAreClosed()
    {
        await using var kit = await KitDataSource.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 1 }, "topology_refresh_rate_ms=1000");
        await TopologyKnownAsync(kit);
        var oldWriter = kit.Cluster.Writer;
        var baseline = await BackendsAsync(kit, oldWriter); // the topology monitor's session, under the same Application Name
        var held = new List<AuroraConnection>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await kit.DataSource.OpenConnectionAsync());
        }

        foreach (var connection in held)
        {
            await KitDataSource.InstanceIdAsync(connection);
            await connection.DisposeAsync();
        }

        var pooled = await BackendsAsync(kit, oldWriter);

        // The old writer keeps running (a promotion without a fault): only the writer change can close its pooled sessions.
        var coordinator = (FailoverCoordinator)kit.DataSource.Settings.FailoverHandler!;
        var newWriter = kit.Cluster.Readers[0];
        await kit.Cluster.PromoteAsync(newWriter).WaitAsync(DoesNotHang);
        await coordinator.Topology.Where(s => s.Writer?.Port == newWriter.Port).FirstAsync().ToTask().WaitAsync(DoesNotHang);
        var clock = Stopwatch.StartNew();
        var after = pooled;
        while (after > baseline && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
            after = await BackendsAsync(kit, oldWriter);
        }

        output.WriteLine($"sessions of the data source on the old writer: {baseline} before any open, {pooled} with the pooled ones, {after} {clock.ElapsedMilliseconds} ms after the topology named {newWriter.InstanceId}");
        Assert.True(pooled - baseline >= 3, $"{pooled - baseline} pooled sessions on the old writer before the change");
        Assert.True(after <= baseline, $"{after - baseline} pooled sessions still on the old writer 5 s after the writer change");
    }

    private static async Task TopologyKnownAsync(KitDataSource kit)
    {
        var coordinator = (FailoverCoordinator)kit.DataSource.Settings.FailoverHandler!;
        await coordinator.Topology.Where(s => s.Writer is not null).FirstAsync().ToTask().WaitAsync(DoesNotHang);
    }

    private static async Task<long> BackendsAsync(KitDataSource kit, LocalPostgresNode? node = null)
    {
        await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder((node ?? kit.Cluster.Writer).ServerConnectionString)
        {
            ApplicationName = "open-per-unit-probe",
            Pooling = false,
        }.ConnectionString);
        await probe.OpenAsync();
        await using var command = probe.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{KitDataSource.ApplicationName}'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
