using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>The pid files the kit's servers write in their data folders; the first line holds the server's process id.</summary>
internal static class ServerPidFiles
{
    /// <summary>PostgreSQL's <c>postmaster.pid</c>.</summary>
    internal const string Postgres = "postmaster.pid";

    /// <summary>The pid file the MariaDB kit tells <c>mariadbd</c> to write (<c>--pid-file</c>).</summary>
    internal const string MariaDb = "mysqld.pid";

    /// <summary>Every server pid file below <paramref name="clusterFolder"/>.</summary>
    internal static IEnumerable<string> Find(string clusterFolder) =>
        Directory.EnumerateFiles(clusterFolder, "*.pid", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is Postgres or MariaDb);

    /// <summary>The process id on the file's first line, or null when the file is missing or malformed.</summary>
    internal static int? ProcessId(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
