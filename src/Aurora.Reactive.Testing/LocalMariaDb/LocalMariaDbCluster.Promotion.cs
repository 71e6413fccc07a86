using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <content>Promotion, switchover, and stopping a server for good.</content>
public sealed partial class LocalMariaDbCluster
{
    /// <summary>
    /// Switches the writer role over cleanly, as a planned maintenance: the writer turns read-only (which stops the
    /// client user's writes; <c>root</c> is not used by clients) and its client sessions are ended, the target applies
    /// everything the writer wrote, is promoted, and the old writer replicates from it by GTID.
    /// </summary>
    /// <param name="target">The reader to promote, or <see langword="null"/> for the most advanced running one.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The new writer.</returns>
    /// <exception cref="ArgumentException">The target belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">There is no running reader, or a step failed.</exception>
    /// <exception cref="TimeoutException">The target did not catch up, or the old writer did not replicate, within <see cref="LocalMariaDbClusterOptions.StartupTimeout"/>.</exception>
    public Task<LocalMariaDbNode> SwitchoverAsync(LocalMariaDbNode? target = null, CancellationToken cancellationToken = default)
    {
        if (target is not null)
        {
            Own(target, nameof(target));
        }

        return ExclusiveAsync(
            async () =>
            {
                var oldWriter = Writer;
                var chosen = target ?? await MostAdvancedReaderAsync(cancellationToken).ConfigureAwait(false);
                await MariaDbSql.ExecuteAsync(oldWriter.ServerPort, ["SET GLOBAL read_only = ON"], cancellationToken).ConfigureAwait(false);
                await EndClientSessionsAsync(oldWriter, cancellationToken).ConfigureAwait(false);
                var position = Convert.ToString(
                    await MariaDbSql.ScalarAsync(oldWriter.ServerPort, "SELECT CAST(@@gtid_binlog_pos AS CHAR)", cancellationToken).ConfigureAwait(false),
                    System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                await ServerSql.WaitUntilAsync(
                    async token => Convert.ToInt32(
                        await MariaDbSql.ScalarAsync(chosen.ServerPort, $"SELECT MASTER_GTID_WAIT('{position}', 1)", token).ConfigureAwait(false),
                        System.Globalization.CultureInfo.InvariantCulture) == 0,
                    context.Timeout,
                    $"{chosen.InstanceId} applies the old writer's last GTID position '{position}'",
                    cancellationToken).ConfigureAwait(false);
                await PromoteCoreAsync(chosen, cancellationToken).ConfigureAwait(false);
                await oldWriter.ReplicateFromAsync(chosen, cancellationToken).ConfigureAwait(false);
                await WaitUntilReplicatingAsync([oldWriter], cancellationToken).ConfigureAwait(false);
                ControlPlane.OnTopologyChanged();
                return chosen;
            },
            cancellationToken);
    }

    // The sessions of the clients' user on the node (a switchover ends them, as a server restart would).
    private static async Task EndClientSessionsAsync(LocalMariaDbNode node, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using (var connection = new MySql.Data.MySqlClient.MySqlConnection(MariaDbSql.AdminConnectionString(node.ServerPort)))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySql.Data.MySqlClient.MySqlCommand(
                $"SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '{MariaDbEmulationSql.ClientUser}'", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // A session that ended by itself meanwhile makes KILL fail: one statement per session, each on its own.
        foreach (var id in ids)
        {
            try
            {
                await MariaDbSql.ExecuteAsync(node.ServerPort, [$"KILL {id}"], cancellationToken).ConfigureAwait(false);
            }
            catch (MySql.Data.MySqlClient.MySqlException)
            {
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF</c> on the reader, then every other running reader
    /// is re-pointed with <c>CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos</c>.
    /// </remarks>
    private protected override async Task PromoteCoreAsync(LocalMariaDbNode standby, CancellationToken cancellationToken)
    {
        if (standby.Role != LocalNodeRole.Reader || standby.State != LocalNodeState.Running)
        {
            throw new InvalidOperationException($"Cannot promote {standby}: only a running reader can be promoted.");
        }

        var elapsed = Measure();
        await standby.BecomeWriterAsync(cancellationToken).ConfigureAwait(false);
        LastPromotionDuration = elapsed.Elapsed;

        var oldWriter = Writer;
        oldWriter.Role = LocalNodeRole.Reader;
        standby.Role = LocalNodeRole.Writer;
        var followers = Nodes.Where(n => n != oldWriter && n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running).ToArray();
        await Task.WhenAll(followers.Select(r => r.ReplicateFromAsync(standby, cancellationToken))).ConfigureAwait(false);
        ControlPlane.OnTopologyChanged();
        await WaitUntilReplicatingAsync(followers, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    private protected override async Task<LocalMariaDbNode> MostAdvancedReaderAsync(CancellationToken cancellationToken)
    {
        LocalMariaDbNode? best = null;
        long bestSequence = -1;
        foreach (var reader in Nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
        {
            var sequence = await reader.GtidSequenceAsync(cancellationToken).ConfigureAwait(false);
            if (sequence > bestSequence)
            {
                (best, bestSequence) = (reader, sequence);
            }
        }

        return best ?? throw new InvalidOperationException($"No running reader to promote: {this}.");
    }

    /// <inheritdoc/>
    /// <remarks>SIGKILL: the data is thrown away with the cluster, so a clean shutdown would only cost time.</remarks>
    private protected override Task StopServerForGoodAsync(LocalMariaDbNode node) => node.KillServerAsync(CancellationToken.None);
}
