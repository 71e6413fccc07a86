using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Promotion, failover and switchover.</content>
public sealed partial class LocalPostgresCluster
{
    /// <summary>
    /// Promotes a standby (<c>pg_ctl promote</c>), waits until it accepts writes, and re-points the other
    /// running readers at it (they follow its new timeline). The previous writer gets the reader role but is
    /// not touched: if it still runs it keeps accepting writes on its own (a split brain, as when a frozen
    /// writer thaws after a failover); bring it back with <see cref="RejoinAsReaderAsync"/>. The control
    /// plane publishes the change and re-points the endpoints after their delays.
    /// </summary>
    /// <param name="standby">A running reader of this cluster. Readers ahead of it in the WAL cannot follow it.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>A task that completes when the node accepts writes and the readers are re-pointed.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">The node is not a running reader, or the promotion failed.</exception>
    /// <exception cref="TimeoutException">The node did not accept writes within <see cref="LocalPostgresClusterOptions.StartupTimeout"/>.</exception>
    public Task PromoteAsync(LocalPostgresNode standby, CancellationToken cancellationToken = default)
    {
        Own(standby, nameof(standby));
        return ExclusiveAsync(() => PromoteCoreAsync(standby, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Fails the writer over as Aurora does after an instance failure: crashes or freezes the writer,
    /// waits <paramref name="delayBeforePromotion"/> (the time Aurora takes to notice), then promotes
    /// <paramref name="target"/> or, when none is given, the standby that received the most WAL.
    /// </summary>
    /// <param name="fault">What happens to the writer.</param>
    /// <param name="target">The reader to promote, or <see langword="null"/> for the most advanced running one.</param>
    /// <param name="delayBeforePromotion">How long the cluster has no writer; zero or more.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The new writer.</returns>
    /// <exception cref="ArgumentException">The target belongs to another cluster.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayBeforePromotion"/> is negative, or <paramref name="fault"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">There is no running reader to promote, or the promotion failed.</exception>
    public Task<LocalPostgresNode> FailoverAsync(
        FailoverFault fault = FailoverFault.Crash,
        LocalPostgresNode? target = null,
        TimeSpan delayBeforePromotion = default,
        CancellationToken cancellationToken = default)
    {
        if (target is not null)
        {
            Own(target, nameof(target));
        }

        if (delayBeforePromotion < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delayBeforePromotion), delayBeforePromotion, $"delayBeforePromotion is {delayBeforePromotion}; it must be zero or more.");
        }

        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, $"Failover fault {fault} is not {FailoverFault.Crash} or {FailoverFault.Freeze}.");
        }

        return ExclusiveAsync(
            async () =>
            {
                var oldWriter = Writer;
                if (fault == FailoverFault.Crash)
                {
                    await oldWriter.KillServerAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    oldWriter.FreezeServer();
                }

                if (delayBeforePromotion > TimeSpan.Zero)
                {
                    await Task.Delay(delayBeforePromotion, cancellationToken).ConfigureAwait(false);
                }

                var chosen = target ?? await MostAdvancedReaderAsync(cancellationToken).ConfigureAwait(false);
                await PromoteCoreAsync(chosen, cancellationToken).ConfigureAwait(false);
                return chosen;
            },
            cancellationToken);
    }

    /// <summary>
    /// Switches the writer role over cleanly, as a planned maintenance: stops the writer with a fast
    /// shutdown (its last WAL reaches the standbys), waits until the target has replayed it, promotes
    /// the target, and brings the old writer back as a reader of the new one.
    /// </summary>
    /// <param name="target">The reader to promote, or <see langword="null"/> for the most advanced running one.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The new writer.</returns>
    /// <exception cref="ArgumentException">The target belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">There is no running reader, or a step failed.</exception>
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

    private async Task PromoteCoreAsync(LocalPostgresNode standby, CancellationToken cancellationToken)
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
        foreach (var reader in nodes.Where(n => n != oldWriter && n.Role == LocalNodeRole.Reader && n.ProcessId is not null))
        {
            reader.WriteSettings(standby.ServerPort);
            reader.ReloadConfiguration();
        }

        controlPlane.OnTopologyChanged();
    }

    private async Task<LocalPostgresNode> MostAdvancedReaderAsync(CancellationToken cancellationToken)
    {
        LocalPostgresNode? best = null;
        decimal bestPosition = -1;
        foreach (var reader in nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running))
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
