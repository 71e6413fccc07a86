using System.Globalization;

namespace Aurora.Reactive.IntegrationTests.LocalMariaDb;

/// <summary>What /proc says about processes, for checking that a disposed cluster left none behind.</summary>
internal static class ProcFs
{
    /// <summary>Live (non-zombie) processes whose command line names <paramref name="text"/>.</summary>
    public static List<int> LiveProcessesNaming(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && IsLive(pid) && CommandLine(pid).Contains(text, StringComparison.Ordinal))
            .ToList();

    public static string? StartTime(int pid) => StatField(pid, 19);

    public static bool IsLive(int pid) => StatField(pid, 0) is { } state && state != "Z";

    public static string CommandLine(int pid)
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
}
