namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Faults on one node.</content>
public abstract partial class LocalDatabaseCluster<TNode>
{
    /// <summary>
    /// Crashes a node: SIGKILL to its server and every child at once, as a power cut; returns when
    /// they are gone. Clients see their connections fail. The node keeps its role until a promotion or
    /// failover changes it; bring an old writer back with the cluster's rejoin, where it has one.
    /// </summary>
    /// <param name="node">A node of this cluster whose server runs or is frozen.</param>
    /// <param name="cancellationToken">Cancels the wait for the processes to disappear.</param>
    /// <returns>A task that completes when the processes are gone.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public Task CrashAsync(TNode node, CancellationToken cancellationToken = default)
    {
        Own(node, nameof(node));
        return ExclusiveAsync(() => node.KillServerAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Freezes a node: SIGSTOP to the server, then to every child. Sockets stay open and connections
    /// are even accepted by the kernel, but nothing answers: a query hangs until the client's own timeout.
    /// </summary>
    /// <param name="node">A node of this cluster whose server runs.</param>
    /// <returns>A completed task once the processes are stopped.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">The node's server is not running.</exception>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public Task FreezeAsync(TNode node)
    {
        Own(node, nameof(node));
        return ExclusiveAsync(
            () =>
            {
                node.FreezeServer();
                return Task.CompletedTask;
            },
            CancellationToken.None);
    }

    /// <summary>Thaws a frozen node: SIGCONT to every child, then the server. Held work resumes.</summary>
    /// <param name="node">A frozen node of this cluster.</param>
    /// <returns>A completed task once the processes continue.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">The node's server is not running or frozen.</exception>
    /// <exception cref="ObjectDisposedException">The cluster is disposed.</exception>
    public Task ThawAsync(TNode node)
    {
        Own(node, nameof(node));
        return ExclusiveAsync(
            () =>
            {
                node.ThawServer();
                return Task.CompletedTask;
            },
            CancellationToken.None);
    }

    /// <summary>
    /// Cuts the network between clients and a node (its client-facing forwarder; the endpoints forward
    /// through it too). Replication between servers is not affected.
    /// </summary>
    /// <param name="node">A node of this cluster.</param>
    /// <param name="mode"><see cref="NetworkCutMode.Drop"/> resets connections; <see cref="NetworkCutMode.Blackhole"/> holds them silent.</param>
    /// <returns>A completed task once the cut is in place.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode.</exception>
    public Task CutNetworkAsync(TNode node, NetworkCutMode mode)
    {
        Own(node, nameof(node));
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Network cut mode {mode} is not {NetworkCutMode.Drop} or {NetworkCutMode.Blackhole}.");
        }

        node.Forwarder.CutNetwork(mode);
        return Task.CompletedTask;
    }

    /// <summary>Restores the network to a node; bytes held by a blackhole flow again.</summary>
    /// <param name="node">A node of this cluster.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    public Task RestoreNetworkAsync(TNode node)
    {
        Own(node, nameof(node));
        node.Forwarder.RestoreNetwork();
        return Task.CompletedTask;
    }
}
