using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(SharedClusterCollection.Name)]
public sealed class ReplicationTests(SharedClusterFixture fixture, ITestOutputHelper output)
{
    private LocalPostgresCluster Cluster => fixture.Cluster;

    [Fact]
    public void Start_DefaultOptions_OneWriterTwoReadersOnDistinctPorts()
    {
        output.WriteLine($"3-node cluster started in {Cluster.StartupDuration.TotalMilliseconds:0} ms");
        Assert.Equal(["instance-1", "instance-2", "instance-3"], Cluster.Nodes.Select(n => n.InstanceId));
        Assert.Equal("instance-1", Cluster.Writer.InstanceId);
        Assert.Equal(2, Cluster.Readers.Count);
        var ports = Cluster.Nodes.SelectMany(n => new[] { n.Port, n.ServerPort }).Append(Cluster.WriterEndpoint.Port).Append(Cluster.ReaderEndpoint.Port).ToArray();
        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(Cluster.Nodes, n => Assert.Equal(LocalNodeState.Running, n.State));
        Assert.All(Cluster.Nodes, n => Assert.True(Directory.Exists($"/proc/{n.ProcessId}"), $"{n} has no process"));
    }

    [Fact]
    public async Task WriteOnWriter_IsReadOnEachStandby()
    {
        var table = "t_" + Guid.NewGuid().ToString("N");
        await Sql.ExecuteAsync(Cluster.Writer.ConnectionString, $"CREATE TABLE {table} (v text); INSERT INTO {table} VALUES ('written on the writer')");

        foreach (var reader in Cluster.Readers)
        {
            var took = await Sql.PollAsync(
                async () => await Sql.ScalarAsync<long>(reader.ConnectionString, $"SELECT count(*) FROM {table} WHERE v = 'written on the writer'") == 1,
                TimeSpan.FromSeconds(15),
                $"{reader.InstanceId} has the row");
            output.WriteLine($"{reader.InstanceId} had the row after {took.TotalMilliseconds:0} ms");
            Assert.True(await Sql.ScalarAsync<bool>(reader.ConnectionString, ReferenceSql.IsInRecovery));
        }
    }

    [Fact]
    public async Task WriteOnStandby_IsRefusedAsReadOnly()
    {
        var error = await Assert.ThrowsAsync<global::Npgsql.PostgresException>(
            () => Sql.ExecuteAsync(Cluster.Readers[0].ConnectionString, "CREATE TABLE refused (v int)"));
        Assert.Equal("25006", error.SqlState);
    }
}
