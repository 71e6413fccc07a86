using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Failover;

/// <summary>A frozen writer (SIGSTOP: sockets open, nothing answers) replaced by the cluster.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class FrozenWriterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FreezeWriterWithClientCommandTimeout_FailoverStillHappens()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "Command Timeout=2;Timeout=2");
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;

        var clock = Stopwatch.StartNew();
        kit.Note("freezing the writer");
        try
        {
            var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
            output.WriteLine($"the kit froze the writer and promoted {newWriter.InstanceId} in {clock.ElapsedMilliseconds} ms");
            var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
            var instance = await KitDataSource.InstanceIdAsync(connection);
            output.WriteLine($"frozen writer, Command Timeout=2: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

            Assert.Equal(newWriter.InstanceId, instance);
            Assert.Equal(oldWriter.Port, error.OldHost!.Port);
        }
        finally
        {
            output.WriteLine(kit.Trace);
        }
    }

    [Fact]
    public async Task FreezeWriterDuringShortCommands_TopologyShowsTheNewWriter_CommandReleasedWithoutAnyClientTimeout()
    {
        // No command timeout at all: only the writer watch can release the command stuck on the frozen node.
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "topology_refresh_rate_ms=1000");
        await using var connection = await kit.DataSource.OpenConnectionAsync();

        var clock = Stopwatch.StartNew();
        kit.Note("freezing the writer");
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
        var promoted = failover.ContinueWith(_ => clock.ElapsedMilliseconds, TaskScheduler.Default);
        try
        {
            var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
            var instance = await KitDataSource.InstanceIdAsync(connection);
            output.WriteLine($"the kit promoted the new writer {await promoted} ms after the freeze");
            output.WriteLine($"frozen writer, no client timeout, topology refresh 1 s: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

            Assert.Equal((await failover).InstanceId, instance);
            Assert.IsType<WriterChangedException>(error.InnerException);
        }
        finally
        {
            output.WriteLine(kit.Trace);
        }
    }
}
