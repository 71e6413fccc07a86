namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Stopping everything.</content>
public abstract partial class LocalDatabaseCluster<TNode>
{
    /// <summary>
    /// Stops every server (thawing frozen ones first; SIGKILL when a stop fails), the forwarders, the control
    /// plane and the watchdog, then removes the cluster's folder. Safe to call twice.
    /// </summary>
    /// <returns>A task that completes when everything is stopped and removed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await ControlPlane.DisposeAsync().ConfigureAwait(false);
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops a running or frozen server for good, as fast as the server allows; it is killed when this fails.</summary>
    private protected abstract Task StopServerForGoodAsync(TNode node);

    private async Task StopForGoodAsync(TNode node)
    {
        if (node.ProcessId is not { } pid)
        {
            return;
        }

        var processes = ProcessTree.Snapshot(pid);
        try
        {
            await StopServerForGoodAsync(node).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await node.KillServerAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // A child still exiting (or left stopped) after the server's own stop is killed here.
        var survivors = ProcessTree.KillSurvivors(processes);
        await ProcessTree.WaitGoneAsync(survivors, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
    }
}
