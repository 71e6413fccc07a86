using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>Reads a data folder's <c>postmaster.pid</c>: line 1 is the postmaster's id, line 7 the shared memory key and id.</summary>
internal static class PostmasterFile
{
    /// <summary>The postmaster's process id, or null when the file is missing or malformed.</summary>
    internal static int? ProcessId(string dataDirectory) =>
        int.TryParse(Line(dataDirectory, 0), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>
    /// Removes the small System V segment a killed postmaster leaves behind (a clean shutdown removes it
    /// itself); otherwise every crash of a test would leak one until the machine restarts.
    /// </summary>
    internal static void RemoveSharedMemory(string dataDirectory)
    {
        var fields = Line(dataDirectory, 6)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is { Length: 2 } && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var shmid))
        {
            NativeMethods.RemoveSharedMemory(shmid);
        }
    }

    private static string? Line(string dataDirectory, int index)
    {
        try
        {
            return File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).Skip(index).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
