namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// Removes clusters whose owning process died without disposing them (a crashed or killed test host):
/// kills their servers, PostgreSQL or MariaDB (thawing them first) and deletes their folders. Runs at every cluster start.
/// </summary>
internal static class ClusterReaper
{
    private static readonly TimeSpan MarkerGrace = TimeSpan.FromMinutes(1);

    /// <summary>Reaps every stale cluster under <paramref name="kitRoot"/>; returns the folders removed.</summary>
    internal static IReadOnlyList<string> ReapStale(string kitRoot)
    {
        var reaped = new List<string>();
        if (!Directory.Exists(kitRoot))
        {
            return reaped;
        }

        foreach (var folder in Directory.EnumerateDirectories(kitRoot, KitRoot.ClusterFolderPrefix + "*"))
        {
            var owner = OwnerMarker.Read(folder);
            var markerMissingLongEnough = owner is null && DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) > MarkerGrace;
            if ((owner is not null && !owner.IsAlive()) || markerMissingLongEnough)
            {
                try
                {
                    KillServers(folder);
                    Directory.Delete(folder, recursive: true);
                    reaped.Add(folder);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's cluster or a folder being removed by its watchdog: leave it.
                }
            }
        }

        return reaped;
    }

    /// <summary>
    /// Kills every server whose pid file (<c>postmaster.pid</c> of PostgreSQL, <c>mysqld.pid</c> of MariaDB) lies in
    /// <paramref name="clusterFolder"/> and still points at a server process of that folder.
    /// </summary>
    internal static void KillServers(string clusterFolder)
    {
        var killed = new List<int>();
        var postgresDataDirectories = new List<string>();
        foreach (var pidFile in ServerPidFiles.Find(clusterFolder))
        {
            if (ServerPidFiles.ProcessId(pidFile) is { } pid
                && ProcessTree.CommandLine(pid) is { } commandLine
                && commandLine.Contains(clusterFolder, StringComparison.Ordinal))
            {
                ProcessTree.Thaw(pid);
                killed.AddRange(ProcessTree.Kill(pid));
                if (Path.GetFileName(pidFile) == ServerPidFiles.Postgres)
                {
                    postgresDataDirectories.Add(Path.GetDirectoryName(pidFile)!);
                }
            }
        }

        if (killed.Count > 0)
        {
            ProcessTree.WaitGoneAsync(killed, TimeSpan.FromSeconds(10), CancellationToken.None).GetAwaiter().GetResult();
        }

        postgresDataDirectories.ForEach(PostmasterFile.RemoveSharedMemory);
    }
}
