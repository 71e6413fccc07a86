using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>What the control plane publishes, and waiting for replication.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>The rows every node's <c>aurora_replica_status()</c> returns now (unless one node was given its own).</summary>
    public IReadOnlyList<AuroraReplicaStatusRow> PublishedTopology => controlPlane.Published;

    /// <summary>
    /// Publishes <paramref name="rows"/> at once, to every node or to one, whatever the real roles are:
    /// a stale, two-writer or writer-less topology for clients to cope with. The next automatic
    /// publication (after a promotion) replaces it.
    /// </summary>
    /// <param name="rows">The rows <c>aurora_replica_status()</c> will return.</param>
    /// <param name="onlyOn">One node that alone reports these rows, or <see langword="null"/> for every node.</param>
    /// <returns>A completed task once the rows are in place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="onlyOn"/> belongs to another cluster.</exception>
    public Task PublishTopologyAsync(IReadOnlyList<AuroraReplicaStatusRow> rows, LocalPostgresNode? onlyOn = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (onlyOn is not null)
        {
            Own(onlyOn, nameof(onlyOn));
        }

        controlPlane.PublishNow(rows.ToArray(), onlyOn);
        return Task.CompletedTask;
    }

    /// <summary>Publishes the real roles and states now, to every node, skipping the publication delay.</summary>
    /// <returns>A completed task once the rows are in place.</returns>
    public Task PublishCurrentTopologyAsync()
    {
        controlPlane.PublishNow(controlPlane.CurrentRows());
        return Task.CompletedTask;
    }

    /// <summary>Waits until every publication and endpoint re-point scheduled so far has happened.</summary>
    /// <returns>A task that completes when the control plane has caught up.</returns>
    public Task WaitForControlPlaneAsync() => controlPlane.WhenSettledAsync();

    /// <summary>Waits until every running reader has replayed everything the writer has written so far.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the readers have caught up.</returns>
    /// <exception cref="TimeoutException">A reader did not catch up within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public async Task WaitForReplicationAsync(CancellationToken cancellationToken = default)
    {
        var writer = Writer;
        var target = (string)(await ServerSql.ScalarAsync(writer.ServerPort, "SELECT pg_current_wal_lsn()::text", cancellationToken).ConfigureAwait(false))!;
        foreach (var reader in nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
        {
            await ServerSql.WaitUntilAsync(
                async token => Equals(true, await ServerSql.ScalarAsync(
                    reader.ServerPort,
                    $"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn",
                    token).ConfigureAwait(false)),
                context.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"{reader.InstanceId} replays up to {target}"),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
