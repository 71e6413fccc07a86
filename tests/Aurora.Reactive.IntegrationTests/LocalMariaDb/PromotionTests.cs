using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;
using Aurora.Reactive.Testing.LocalMariaDb;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

[Collection(DestructiveMariaDbCollection.Name)]
public sealed class PromotionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Promote_AReader_AcceptsWritesAndTheOtherReaderFollowsIt()
    {
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 2 });
        output.WriteLine($"3-node MariaDB cluster started in {cluster.StartupDuration.TotalMilliseconds:0} ms.");
        var table = MariaDb.UniqueTable("promoted");
        await MariaDb.ExecuteAsync(cluster.Writer.ConnectionString, $"CREATE TABLE {table} (id INT PRIMARY KEY); INSERT INTO {table} VALUES (1)");
        await cluster.WaitForReplicationAsync();
        var oldWriter = cluster.Writer;
        var promoted = cluster.Nodes[1];
        var follower = cluster.Nodes[2];

        await cluster.PromoteAsync(promoted);
        output.WriteLine($"Promotion took {cluster.LastPromotionDuration!.Value.TotalMilliseconds:0} ms.");

        Assert.Same(promoted, cluster.Writer);
        Assert.Equal(LocalNodeRole.Reader, oldWriter.Role);
        Assert.Equal(0L, Convert.ToInt64(await MariaDb.ScalarAsync(promoted.ConnectionString, "SELECT CAST(@@read_only AS SIGNED)"), CultureInfo.InvariantCulture));
        await MariaDb.ExecuteAsync(promoted.ConnectionString, $"INSERT INTO {table} VALUES (2)");
        await cluster.WaitForReplicationAsync();
        Assert.Equal(2L, Convert.ToInt64(await MariaDb.ScalarAsync(follower.ConnectionString, $"SELECT COUNT(*) FROM {table}"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Failover_CrashOfTheWriter_PromotesAReaderAndTheWriterEndpointFollowsLate()
    {
        var repointDelay = TimeSpan.FromSeconds(1);
        await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 1, EndpointRepointDelay = repointDelay });
        var oldWriter = cluster.Writer;
        Assert.Equal(oldWriter.InstanceId, await MariaDb.ScalarAsync(cluster.WriterConnectionString, "SELECT CAST(@@report_host AS CHAR)"));

        var newWriter = await cluster.FailoverAsync(FailoverFault.Crash, delayBeforePromotion: TimeSpan.FromMilliseconds(200));

        Assert.Equal(LocalNodeState.Crashed, oldWriter.State);
        Assert.Equal([oldWriter.InstanceId], cluster.WriterEndpoint.TargetInstanceIds);
        await cluster.WaitForControlPlaneAsync();
        Assert.Equal([newWriter.InstanceId], cluster.WriterEndpoint.TargetInstanceIds);
        Assert.Equal(newWriter.InstanceId, await MariaDb.ScalarAsync(cluster.WriterConnectionString, "SELECT CAST(@@report_host AS CHAR)"));
        Assert.Equal(0L, Convert.ToInt64(await MariaDb.ScalarAsync(cluster.WriterConnectionString, "SELECT CAST(@@read_only AS SIGNED)"), CultureInfo.InvariantCulture));
    }
}
