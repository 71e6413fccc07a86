using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Promotion and switchover.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Switches the writer role over cleanly, as a planned maintenance: stops the writer with a fast
    /// shutdown (its last WAL reaches the standbys), waits until the target has replayed it, promotes
    /// the target, and brings the old writer back as a reader of the new one.
    /// </summary>
    /// <param name="target">The reader to promote, or <see langword="null"/> for the most advanced running one.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The new writer.</returns>
    /// <exception cref="ArgumentException">The target belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">
    /// There is no running reader, or a step failed; when the old writer cannot be brought back as a reader (see
    /// <see cref="RejoinAsReaderAsync"/>) the target is already the writer and the message names the old writer and the cause.
    /// </exception>
    /// <exception cref="TimeoutException">A step did not finish within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public Task<LocalPostgresNode> SwitchoverAsync(LocalPostgresNode? target = null, CancellationToken cancellationToken = default)
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
                await oldWriter.StopServerAsync("fast", cancellationToken).ConfigureAwait(false);
                var lastCheckpoint = await LastCheckpointAsync(oldWriter, cancellationToken).ConfigureAwait(false);
                await ServerSql.WaitUntilAsync(
                    async token => Equals(true, await ServerSql.ScalarAsync(
                        chosen.ServerPort, $"SELECT pg_last_wal_replay_lsn() >= '{lastCheckpoint}'::pg_lsn", token).ConfigureAwait(false)),
                    context.Timeout,
                    $"{chosen.InstanceId} replays the old writer's last checkpoint {lastCheckpoint}",
                    cancellationToken).ConfigureAwait(false);
                await PromoteCoreAsync(chosen, cancellationToken).ConfigureAwait(false);
                await RejoinCoreAsync(oldWriter, cancellationToken).ConfigureAwait(false);
                return chosen;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    private protected override async Task PromoteCoreAsync(LocalPostgresNode standby, CancellationToken cancellationToken)
    {
        if (standby.Role != LocalNodeRole.Reader || standby.State != LocalNodeState.Running)
        {
            throw new InvalidOperationException($"Cannot promote {standby}: only a running reader can be promoted.");
        }

        var elapsed = Measure();
        (await CommandRunner.RunAsync(
                context.Binaries.PgCtl,
                ["-D", standby.DataDirectory, "-w", "-t", context.TimeoutSeconds, "promote"],
                context.User, standby.Folder, context.Timeout + TimeSpan.FromSeconds(5), cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();
        await ServerSql.WaitUntilAsync(
            async token => Equals(false, await ServerSql.ScalarAsync(standby.ServerPort, "SELECT pg_is_in_recovery()", token).ConfigureAwait(false)),
            context.Timeout,
            $"{standby.InstanceId} accepts writes",
            cancellationToken).ConfigureAwait(false);
        LastPromotionDuration = elapsed.Elapsed;

        var oldWriter = Writer;
        oldWriter.Role = LocalNodeRole.Reader;
        standby.Role = LocalNodeRole.Writer;
        foreach (var reader in Nodes.Where(n => n != oldWriter && n.Role == LocalNodeRole.Reader && n.ProcessId is not null))
        {
            reader.WriteSettings(standby.ServerPort);
            reader.ReloadConfiguration();
        }

        ControlPlane.OnTopologyChanged();
    }

    /// <inheritdoc/>
    private protected override async Task<LocalPostgresNode> MostAdvancedReaderAsync(CancellationToken cancellationToken)
    {
        LocalPostgresNode? best = null;
        decimal bestPosition = -1;
        foreach (var reader in Nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
        {
            var position = Convert.ToDecimal(
                await ServerSql.ScalarAsync(
                    reader.ServerPort,
                    "SELECT COALESCE(GREATEST(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), '0/0'::pg_lsn) - '0/0'::pg_lsn",
                    cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            if (position > bestPosition)
            {
                (best, bestPosition) = (reader, position);
            }
        }

        return best ?? throw new InvalidOperationException($"No running reader to promote: {this}.");
    }

    private async Task<string> LastCheckpointAsync(LocalPostgresNode stopped, CancellationToken cancellationToken)
    {
        var output = (await CommandRunner.RunAsync(context.Binaries.PgControldata, ["-D", stopped.DataDirectory], context.User, stopped.Folder, context.Timeout, cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess().StandardOutput;
        const string Label = "Latest checkpoint location:";
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Label, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pg_controldata of {stopped.InstanceId} shows no '{Label}'.");
        return line[Label.Length..].Trim();
    }
}
