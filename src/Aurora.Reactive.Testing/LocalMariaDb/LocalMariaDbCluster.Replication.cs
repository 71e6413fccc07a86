using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <content>Waiting for replication.</content>
public sealed partial class LocalMariaDbCluster
{
    /// <summary>Waits until every running reader has applied everything the writer has written so far (<c>MASTER_GTID_WAIT</c>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the readers have caught up.</returns>
    /// <exception cref="TimeoutException">A reader did not catch up within <see cref="LocalMariaDbClusterOptions.StartupTimeout"/>.</exception>
    public async Task WaitForReplicationAsync(CancellationToken cancellationToken = default)
    {
        var position = Convert.ToString(
            await MariaDbSql.ScalarAsync(Writer.ServerPort, "SELECT CAST(@@gtid_binlog_pos AS CHAR)", cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture) ?? string.Empty;
        var seconds = (int)Math.Ceiling(context.Timeout.TotalSeconds);
        foreach (var reader in Nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
        {
            var result = await MariaDbSql.ScalarAsync(
                reader.ServerPort, string.Create(CultureInfo.InvariantCulture, $"SELECT MASTER_GTID_WAIT('{position}', {seconds})"), cancellationToken).ConfigureAwait(false);
            if (Convert.ToInt32(result, CultureInfo.InvariantCulture) != 0)
            {
                throw new TimeoutException($"{reader.InstanceId} did not apply GTID position '{position}' within {seconds} s.");
            }
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
