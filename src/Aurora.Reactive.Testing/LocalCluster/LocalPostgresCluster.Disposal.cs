namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Stopping everything.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Stops every server (thawing frozen ones first; immediate shutdown, SIGKILL when that fails), the
    /// forwarders, the control plane and the watchdog, then removes the cluster's folder. Safe to call twice.
    /// </summary>
    /// <returns>A task that completes when everything is stopped and removed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await controlPlane.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(nodes.Select(StopForGoodAsync)).ConfigureAwait(false);
        ClusterReaper.KillServers(Folder);
        foreach (var node in nodes)
        {
            await node.Forwarder.DisposeAsync().ConfigureAwait(false);
        }

        await WriterEndpoint.Forwarder.DisposeAsync().ConfigureAwait(false);
        await ReaderEndpoint.Forwarder.DisposeAsync().ConfigureAwait(false);
        watchdog.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        operations.Dispose();
    }

    private static async Task StopForGoodAsync(LocalPostgresNode node)
    {
        if (node.ProcessId is not { } pid)
        {
            return;
        }

        var processes = ProcessTree.Snapshot(pid);
        try
        {
            await node.StopServerAsync("immediate", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await node.KillServerAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // pg_ctl returns once the postmaster is gone; a child still exiting (or left stopped) is killed here.
        var survivors = ProcessTree.KillSurvivors(processes);
        await ProcessTree.WaitGoneAsync(survivors, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
    }
}
