using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The file in a cluster folder naming the process that owns the cluster: its id and start time, so a
/// recycled process id is not mistaken for a live owner.
/// </summary>
internal sealed record OwnerMarker(int ProcessId, long StartTime)
{
    /// <summary>The marker's file name inside a cluster folder.</summary>
    internal const string FileName = "owner";

    /// <summary>The marker for the current process.</summary>
    internal static OwnerMarker ForCurrentProcess() =>
        new(Environment.ProcessId, ProcessTree.StartTime(Environment.ProcessId) ?? 0);

    /// <summary>Reads the marker of a cluster folder; null when missing or malformed.</summary>
    internal static OwnerMarker? Read(string clusterFolder)
    {
        try
        {
            var parts = File.ReadAllText(Path.Combine(clusterFolder, FileName)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                ? new OwnerMarker(pid, start)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes the marker into <paramref name="clusterFolder"/>.</summary>
    internal void Write(string clusterFolder) =>
        File.WriteAllText(Path.Combine(clusterFolder, FileName), string.Create(CultureInfo.InvariantCulture, $"{ProcessId} {StartTime}"));

    /// <summary>Whether the owning process still runs (same id and same start time).</summary>
    internal bool IsAlive() => ProcessTree.StartTime(ProcessId) == StartTime;
}
