using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

[Collection(DestructiveMariaDbCollection.Name)]
public sealed class DisposalTests
{
    [Fact]
    public async Task Dispose_WithAFrozenAndACrashedNode_LeavesNoMariaDbProcessAndNoFolder()
    {
        var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 2 });
        var folder = cluster.Folder;
        var servers = cluster.Nodes.Select(n => (Pid: n.ProcessId!.Value, Start: ProcFs.StartTime(n.ProcessId!.Value))).ToList();
        Assert.All(servers, s => Assert.Contains(folder, ProcFs.CommandLine(s.Pid), StringComparison.Ordinal));
        await cluster.FreezeAsync(cluster.Nodes[1]);
        await cluster.CrashAsync(cluster.Nodes[2]);

        await cluster.DisposeAsync();

        Assert.Empty(ProcFs.LiveProcessesNaming(folder));
        Assert.DoesNotContain(servers, s => ProcFs.IsLive(s.Pid) && ProcFs.StartTime(s.Pid) == s.Start);
        Assert.False(Directory.Exists(folder));
    }
}
