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

    /// <summary>The process's start time (ticks since boot), to tell it from a later process with a recycled id.</summary>
    public static string? StartTime(int pid) => Stat(pid)?[19];

    public static bool IsLive(int pid) => Stat(pid)?[0] is { } state && state != "Z";

    public static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ') ?? string.Empty;

    /// <summary>The fields of /proc/PID/stat after the command name: 0 state, 1 parent, 19 start time.</summary>
    private static string[]? Stat(int pid) =>
        Read($"/proc/{pid}/stat") is { } stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ') : null;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
