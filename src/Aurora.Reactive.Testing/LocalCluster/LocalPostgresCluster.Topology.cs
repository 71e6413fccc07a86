using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Waiting for replication.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>Waits until every running reader has replayed everything the writer has written so far.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the readers have caught up.</returns>
    /// <exception cref="TimeoutException">A reader did not catch up within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public async Task WaitForReplicationAsync(CancellationToken cancellationToken = default)
    {
        var writer = Writer;
        var target = (string)(await ServerSql.ScalarAsync(writer.ServerPort, "SELECT pg_current_wal_lsn()::text", cancellationToken).ConfigureAwait(false))!;
        foreach (var reader in Nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
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
