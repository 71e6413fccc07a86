using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.IntegrationTests.LocalCluster;

[Collection(DestructiveClusterCollection.Name)]
public sealed class DisposalTests
{
    [Fact]
    public async Task Dispose_WithAFrozenAndACrashedNode_LeavesNoProcessAndNoFolder()
    {
        var cluster = await LocalPostgresCluster.StartAsync();
        var folder = cluster.Folder;
        await cluster.FreezeAsync(cluster.Nodes[1]);
        await cluster.CrashAsync(cluster.Nodes[2]);
        var postmasters = ProcessesUsing(folder);
        Assert.Contains(cluster.Nodes[0].ProcessId!.Value, postmasters);
        Assert.Contains(cluster.Nodes[1].ProcessId!.Value, postmasters);
        var pids = postmasters.Concat(AllPids().Where(pid => postmasters.Contains(ParentOf(pid)))).ToList();
        Assert.True(pids.Count > postmasters.Count, "the postmasters have no children");

        await cluster.DisposeAsync();

        Assert.Empty(ProcessesUsing(folder));
        Assert.All(pids, pid => Assert.False(IsLive(pid), $"process {pid} of the cluster still runs"));
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>Live (non-zombie) processes whose command line names the folder: the postmasters (postgres -D folder/...).</summary>
    private static List<int> ProcessesUsing(string folder) =>
        AllPids().Where(pid => IsLive(pid) && CommandLine(pid).Contains(folder, StringComparison.Ordinal)).ToList();

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static bool IsLive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
