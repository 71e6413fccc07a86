using System.Diagnostics;
using Aurora.Reactive.Client;
using Aurora.Reactive.IntegrationTests.LocalCluster;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Client;

/// <summary>
/// A steady write workload through <see cref="AuroraClient"/> while the writer crashes or freezes: the caller sees
/// no error, and every acknowledged write is on the new writer. Prints the downtime (the longest stretch without an
/// acknowledged write after the fault).
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ExecuteAcrossFailoverTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FailoverFault.Crash)]
    [InlineData(FailoverFault.Freeze)]
    public async Task ExecuteNonQueryAsync_WriterFailsUnderSteadyWrites_CallerSeesNoErrorAndNoAcknowledgedWriteIsLost(FailoverFault fault)
    {
        await using var scenario = await ClientClusterScenario.StartAsync(new LocalPostgresClusterOptions { ReaderCount = 2, SynchronousReplication = true });
        await scenario.Client.ExecuteNonQueryAsync("CREATE TABLE writes (k bigint PRIMARY KEY)");
        var clock = Stopwatch.StartNew();
        // Four workers, as the demo runs: the others' first transactions on the new writer are what reuse the transaction id
        // of a unit whose COMMIT was in flight, which a commit-outcome check must not mistake for that unit's commit.
        var writes = new WriteLoop(scenario.Client, clock, workers: 4);
        writes.Start();
        await writes.WaitForAcknowledgementsAfterAsync(TimeSpan.Zero, 20, TimeSpan.FromSeconds(30));
        var oldWriter = scenario.Cluster.Writer;

        var faultAt = clock.Elapsed;
        var failover = scenario.Cluster.FailoverAsync(fault);
        await writes.WaitForAcknowledgementsAfterAsync(faultAt, 20, TimeSpan.FromSeconds(60));
        await failover;
        await writes.StopAsync();

        var newWriter = scenario.Cluster.Writer;
        var present = await ClientClusterScenario.ScalarOnAsync(newWriter, "SELECT count(*) FROM writes");
        var missing = await ClientClusterScenario.ScalarOnAsync(
            newWriter, $"SELECT {writes.Acknowledged.Count} - count(*) FROM writes WHERE k IN ({string.Join(',', writes.Acknowledged.Select(a => a.Key))})");
        output.WriteLine($"{fault}: downtime {writes.LongestGapAfter(faultAt).TotalMilliseconds:0} ms; {writes.Acknowledged.Count} writes acknowledged, {present} rows on {newWriter.InstanceId}");
        foreach (var e in scenario.Events.Where(e => e.Kind is AuroraClientEventKind.FailoverStarted or AuroraClientEventKind.WriterFound or AuroraClientEventKind.FailoverFinished))
        {
            output.WriteLine($"  {e}");
        }

        Assert.NotEqual(oldWriter.InstanceId, newWriter.InstanceId);
        Assert.Empty(writes.Errors);
        Assert.Equal(0L, missing);
        Assert.Contains(scenario.Events, e => e.Kind == AuroraClientEventKind.FailoverFinished);
    }
}
