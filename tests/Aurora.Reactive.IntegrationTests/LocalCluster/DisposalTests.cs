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
        var postmasters = ProcessesUsing(folder).Where(pid => CommandLine(pid).Contains("postgres", StringComparison.Ordinal)).ToList();
        Assert.Contains(cluster.Nodes[0].ProcessId!.Value, postmasters);
        Assert.Contains(cluster.Nodes[1].ProcessId!.Value, postmasters);
        var processes = postmasters.Concat(AllPids().Where(pid => postmasters.Contains(ParentOf(pid))))
            .Select(pid => (Pid: pid, Start: StartTime(pid)))
            .ToList();
        Assert.True(processes.Count > postmasters.Count, "the postmasters have no children");

        await cluster.DisposeAsync();

        Assert.Empty(ProcessesUsing(folder));
        // Process ids are recycled quickly on a busy machine: a process counts as the same only with the same start time.
        Assert.Empty(processes
            .Where(p => IsLive(p.Pid) && StartTime(p.Pid) == p.Start)
            .Select(p => $"{p.Pid} (parent {ParentOf(p.Pid)}): {CommandLine(p.Pid)}"));
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>Live (non-zombie) processes whose command line names the folder: the postmasters (postgres -D folder/...).</summary>
    private static List<int> ProcessesUsing(string folder) =>
        AllPids().Where(pid => IsLive(pid) && CommandLine(pid).Contains(folder, StringComparison.Ordinal)).ToList();

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    private static int ParentOf(int pid) => int.Parse(StatField(pid, 1) ?? "0", CultureInfo.InvariantCulture);

    private static string? StartTime(int pid) => StatField(pid, 19);

    /// <summary>A field of /proc/PID/stat counted after the command name: 0 state, 1 parent, 19 start time.</summary>
    private static string? StatField(int pid, int index)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index];
        }
        catch (IOException)
        {
            return null;
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
