using System.Diagnostics;
using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class ClusterReaperTests : IDisposable
{
    private readonly string kitRoot = Directory.CreateTempSubdirectory("reaper-tests-").FullName;

    public void Dispose() => Directory.Delete(kitRoot, recursive: true);

    [Fact]
    public void ReapStale_ClusterOfADeadOwner_IsRemoved_LiveOwnersAndTemplatesAreKept()
    {
        var current = OwnerMarker.ForCurrentProcess();
        var stale = MakeCluster("cluster-stale", current with { StartTime = current.StartTime + 1 });
        var live = MakeCluster("cluster-live", current);
        var template = Directory.CreateDirectory(Path.Combine(kitRoot, "template-abc")).FullName;

        var reaped = ClusterReaper.ReapStale(kitRoot);

        Assert.Equal([stale], reaped);
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(template));
    }

    [Theory]
    [InlineData("postmaster.pid")]
    [InlineData("mysqld.pid")]
    public async Task ReapStale_StaleClusterWithARunningServer_KillsItAndItsChildren(string pidFile)
    {
        var current = OwnerMarker.ForCurrentProcess();
        var stale = MakeCluster("cluster-running", current with { StartTime = current.StartTime + 1 });
        var data = Directory.CreateDirectory(Path.Combine(stale, "instance-1", "data")).FullName;
        using var server = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 60; true", data } })!;
        await File.WriteAllTextAsync(Path.Combine(data, pidFile), server.Id.ToString(CultureInfo.InvariantCulture) + "\n" + data + "\n");

        ClusterReaper.ReapStale(kitRoot);

        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(Directory.Exists(stale));
    }

    [Fact]
    public void KillServers_PidFileOfAnUnrelatedProcess_LeavesItAlone()
    {
        var folder = MakeCluster("cluster-unrelated", OwnerMarker.ForCurrentProcess());
        var data = Directory.CreateDirectory(Path.Combine(folder, "n", "data")).FullName;
        File.WriteAllText(Path.Combine(data, "postmaster.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");

        ClusterReaper.KillServers(folder);

        Assert.True(ProcessTree.IsLive(Environment.ProcessId));
    }

    private string MakeCluster(string name, OwnerMarker owner)
    {
        var folder = Directory.CreateDirectory(Path.Combine(kitRoot, name)).FullName;
        owner.Write(folder);
        return folder;
    }
}
