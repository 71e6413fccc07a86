using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <content>Waiting for replication.</content>
public sealed partial class LocalMariaDbCluster
{
    /// <summary>
    /// Waits until every running reader that replicates from the writer has applied everything the writer has
    /// written so far (<c>MASTER_GTID_WAIT</c>). An old writer left alone after a failover is not waited for.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the readers have caught up.</returns>
    /// <exception cref="TimeoutException">A reader did not catch up within <see cref="LocalMariaDbClusterOptions.StartupTimeout"/>.</exception>
    public async Task WaitForReplicationAsync(CancellationToken cancellationToken = default)
    {
        var writer = Writer;
        var position = Convert.ToString(
            await MariaDbSql.ScalarAsync(writer.ServerPort, "SELECT CAST(@@gtid_binlog_pos AS CHAR)", cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture) ?? string.Empty;
        foreach (var reader in Nodes.Where(n => n.Upstream == writer && n.State == LocalNodeState.Running))
        {
            await ServerSql.WaitUntilAsync(
                async token => Convert.ToInt32(
                    await MariaDbSql.ScalarAsync(reader.ServerPort, $"SELECT MASTER_GTID_WAIT('{position}', 1)", token).ConfigureAwait(false),
                    CultureInfo.InvariantCulture) == 0,
                context.Timeout,
                $"{reader.InstanceId} applies GTID position '{position}'",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WaitUntilReplicatingAsync(IReadOnlyList<LocalMariaDbNode> readers, CancellationToken cancellationToken) =>
        readers.Count == 0
            ? Task.CompletedTask
            : ServerSql.WaitUntilAsync(
                async token =>
                {
                    foreach (var reader in readers)
                    {
                        if (!await reader.IsReplicatingAsync(token).ConfigureAwait(false))
                        {
                            return false;
                        }
                    }

                    return true;
                },
                context.Timeout,
                $"{string.Join(", ", readers.Select(r => r.InstanceId))} replicate from {Writer.InstanceId}",
                cancellationToken);
}
