namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>What the control plane publishes.</content>
public abstract partial class LocalDatabaseCluster<TNode>
{
    /// <summary>The rows every node's emulated Aurora topology returns now (unless one node was given its own).</summary>
    public IReadOnlyList<AuroraReplicaStatusRow> PublishedTopology => ControlPlane.Published;

    /// <summary>
    /// Publishes <paramref name="rows"/> at once, to every node or to one, whatever the real roles are:
    /// a stale, two-writer or writer-less topology for clients to cope with. The next automatic
    /// publication (after a promotion) replaces it.
    /// </summary>
    /// <param name="rows">The rows the emulated topology (<c>aurora_replica_status()</c>, <c>replica_host_status</c>) will return.</param>
    /// <param name="onlyOn">One node that alone reports these rows, or <see langword="null"/> for every node.</param>
    /// <returns>A completed task once the rows are in place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="onlyOn"/> belongs to another cluster.</exception>
    public Task PublishTopologyAsync(IReadOnlyList<AuroraReplicaStatusRow> rows, TNode? onlyOn = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (onlyOn is not null)
        {
            Own(onlyOn, nameof(onlyOn));
        }

        ControlPlane.PublishNow(rows.ToArray(), onlyOn);
        return Task.CompletedTask;
    }

    /// <summary>Publishes the real roles and states now, to every node, skipping the publication delay.</summary>
    /// <returns>A completed task once the rows are in place.</returns>
    public Task PublishCurrentTopologyAsync()
    {
        ControlPlane.PublishNow(ControlPlane.CurrentRows());
        return Task.CompletedTask;
    }

    /// <summary>Waits until every publication and endpoint re-point scheduled so far has happened.</summary>
    /// <returns>A task that completes when the control plane has caught up.</returns>
    public Task WaitForControlPlaneAsync() => ControlPlane.WhenSettledAsync();
}
