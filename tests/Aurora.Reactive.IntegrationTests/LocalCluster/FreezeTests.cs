using System.Diagnostics;
using Aurora.Reactive.Testing.LocalCluster;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(SharedClusterCollection.Name)]
public sealed class FreezeTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task FrozenNode_QueryHangsUntilTheClientsTimeout_AndThawReleasesAHeldQuery()
    {
        var node = Cluster.Readers[0];
        // Npgsql spends 1 s on the command, then up to twice the connect Timeout on its cancel request: keep Timeout short.
        await using var timingOut = await Sql.OpenAsync(node.ConnectionString, timeoutSeconds: 2, commandTimeoutSeconds: 1);
        await using var patient = await Sql.OpenAsync(node.ConnectionString, commandTimeoutSeconds: 60);
        await Cluster.FreezeAsync(node);
        try
        {
            Assert.Equal(LocalNodeState.Frozen, node.State);
            Assert.All(File.ReadAllLines($"/proc/{node.ProcessId}/status").Where(l => l.StartsWith("State:", StringComparison.Ordinal)), l => Assert.Contains("stopped", l, StringComparison.Ordinal));

            var clock = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<int>(timingOut, "SELECT 1"));
            output.WriteLine($"CommandTimeout=1 on a frozen node: failed after {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"the query failed after {clock.ElapsedMilliseconds} ms, before the client's timeout: it did not hang");

            var held = Sql.ScalarAsync<int>(patient, "SELECT 7");
            var finishedEarly = await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(1.5))) == held;
            Assert.False(finishedEarly, "a query on a frozen node answered");

            clock.Restart();
            await Cluster.ThawAsync(node);
            Assert.Equal(7, await held.WaitAsync(TimeSpan.FromSeconds(15)));
            output.WriteLine($"held query answered {clock.ElapsedMilliseconds} ms after thaw");
        }
        finally
        {
            if (node.State == LocalNodeState.Frozen)
            {
                await Cluster.ThawAsync(node);
            }
        }

        Assert.Equal(LocalNodeState.Running, node.State);
        Assert.Equal(node.InstanceId, await Sql.ScalarAsync<string>(node.ConnectionString, ReferenceSql.InstanceId));
    }
}
