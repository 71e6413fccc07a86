using System.Diagnostics;
using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(DestructiveClusterCollection.Name)]
public sealed class SwitchoverTests(ITestOutputHelper output)
{
    private const int Switchovers = 4;

    // The prefix of the notes the kit writes into a node's server log, as when it falls back to a fresh copy.
    private const string KitNote = "[local cluster kit]";

    // Each switchover promotes the next node in turn, so the new writer is often a node that was promoted (or re-pointed)
    // moments before: its control file may still name an older timeline, the case where pg_rewind used to succeed and
    // leave the old writer unable to start.
    [Fact]
    public async Task FourSwitchoversBackToBack_EveryNodeRunsAndReplicatesAfterEach()
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { EndpointRepointDelay = TimeSpan.Zero });
        await Sql.ExecuteAsync(cluster.Writer.ConnectionString, "CREATE TABLE marks (n int PRIMARY KEY)");
        var total = Stopwatch.StartNew();

        for (var round = 1; round <= Switchovers; round++)
        {
            var oldWriter = cluster.Writer;
            var target = cluster.Nodes[(IndexOf(cluster, oldWriter) + 1) % cluster.Nodes.Count];
            var clock = Stopwatch.StartNew();

            var newWriter = await cluster.SwitchoverAsync(target);

            output.WriteLine($"switchover {round}: {oldWriter.InstanceId} -> {newWriter.InstanceId} in {clock.ElapsedMilliseconds} ms");
            Assert.Same(target, newWriter);
            Assert.Same(newWriter, cluster.Writer);
            Assert.False(await Sql.ScalarAsync<bool>(newWriter.ConnectionString, ReferenceSql.IsInRecovery));
            await Sql.ExecuteAsync(newWriter.ConnectionString, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO marks VALUES ({round})"));
            foreach (var reader in cluster.Nodes.Where(n => n != newWriter))
            {
                Assert.Equal((LocalNodeRole.Reader, LocalNodeState.Running), (reader.Role, reader.State));
                Assert.True(await Sql.ScalarAsync<bool>(reader.ConnectionString, ReferenceSql.IsInRecovery), $"{reader.InstanceId} is a standby after switchover {round}");
                await Sql.PollAsync(
                    async () => await Sql.ScalarAsync<bool>(reader.ConnectionString, string.Create(CultureInfo.InvariantCulture, $"SELECT EXISTS (SELECT 1 FROM marks WHERE n = {round})")),
                    TimeSpan.FromSeconds(15),
                    $"{reader.InstanceId} has the row written on {newWriter.InstanceId} after switchover {round}");
            }
        }

        output.WriteLine($"{Switchovers} switchovers and their checks took {total.ElapsedMilliseconds} ms");
        Assert.Equal((long)Switchovers, await Sql.ScalarAsync<long>(cluster.Writer.ConnectionString, "SELECT count(*) FROM marks"));

        // A clean switchover needs no fresh copy: pg_rewind (after the CHECKPOINT on the new writer) must do. The fallback
        // is a safety net, and a note of it in a server log means the rewind path broke again.
        var fallbacks = cluster.Nodes.SelectMany(n => File.ReadLines(n.LogFile).Where(l => l.Contains(KitNote, StringComparison.Ordinal)).Select(l => $"{n.InstanceId}: {l}")).ToArray();
        Assert.True(fallbacks.Length == 0, "The kit fell back to pg_basebackup: " + string.Join(Environment.NewLine, fallbacks));
    }


    private static int IndexOf(LocalPostgresCluster cluster, LocalPostgresNode node)
    {
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            if (cluster.Nodes[i] == node)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{node.InstanceId} is not a node of {cluster}.");
    }
}
