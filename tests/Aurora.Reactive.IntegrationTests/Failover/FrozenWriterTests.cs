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
    [Fact(Skip = "Known failure, issue 5 (open): passed 2 of 3 runs after the detached-cancel fix, but the last full run ended in FailoverFailed after 300 s as the sibling test does. Kept visible here until the cause is found.")]
    public async Task FreezeWriterWithClientCommandTimeout_FailoverStillHappens()
    {
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "Command Timeout=2;Timeout=2");
        await using var connection = await kit.DataSource.OpenConnectionAsync();
        var oldWriter = kit.Cluster.Writer;

        var clock = Stopwatch.StartNew();
        var newWriter = await kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
        output.WriteLine($"the kit froze the writer and promoted {newWriter.InstanceId} in {clock.ElapsedMilliseconds} ms");
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        output.WriteLine($"frozen writer, Command Timeout=2: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

        Assert.Equal(newWriter.InstanceId, instance);
        Assert.Equal(oldWriter.Port, error.OldHost!.Port);
    }

    [Fact(Skip = "Known failure, issue 5 (open): intermittently the topology monitor never reports the promotion after a freeze and the failover ends with FailoverFailed after failover_timeout_sec (300 s); passes alone in 4-7 s. Kept visible here until the cause is found.")]
    public async Task FreezeWriterDuringShortCommands_TopologyShowsTheNewWriter_CommandReleasedWithoutAnyClientTimeout()
    {
        // No command timeout at all: only the writer watch can release the command stuck on the frozen node.
        await using var kit = await KitDataSource.StartAsync(
            new LocalPostgresClusterOptions { ReaderCount = 2 }, "topology_refresh_rate_ms=1000");
        await using var connection = await kit.DataSource.OpenConnectionAsync();

        var clock = Stopwatch.StartNew();
        var failover = kit.Cluster.FailoverAsync(FailoverFault.Freeze, delayBeforePromotion: TimeSpan.FromMilliseconds(500));
        var promoted = failover.ContinueWith(_ => clock.ElapsedMilliseconds, TaskScheduler.Default);
        var error = await KitDataSource.RunUntilAsync<FailoverSuccessException>(() => KitDataSource.InstanceIdAsync(connection));
        var instance = await KitDataSource.InstanceIdAsync(connection);
        output.WriteLine($"the kit promoted the new writer {await promoted} ms after the freeze");
        output.WriteLine($"frozen writer, no client timeout, topology refresh 1 s: fault -> first statement on the new writer {clock.ElapsedMilliseconds} ms");

        Assert.Equal((await failover).InstanceId, instance);
        Assert.IsType<WriterChangedException>(error.InnerException);
    }
}
