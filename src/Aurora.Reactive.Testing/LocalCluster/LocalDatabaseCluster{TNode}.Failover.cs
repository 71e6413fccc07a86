namespace Aurora.Reactive.Testing.LocalCluster;

/// <content>Promotion and failover.</content>
public abstract partial class LocalDatabaseCluster<TNode>
{
    /// <summary>
    /// Promotes a reader (PostgreSQL: <c>pg_ctl promote</c>; MariaDB: replication stopped and <c>read_only</c> off),
    /// waits until it accepts writes, and re-points the other running readers at it. The previous writer gets
    /// the reader role but is not touched: if it still runs it keeps accepting writes on its own (a split brain,
    /// as when a frozen writer thaws after a failover). The control plane publishes the change and re-points
    /// the endpoints after their delays.
    /// </summary>
    /// <param name="standby">A running reader of this cluster. Readers ahead of it in replication cannot follow it.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>A task that completes when the node accepts writes and the readers are re-pointed.</returns>
    /// <exception cref="ArgumentException">The node belongs to another cluster.</exception>
    /// <exception cref="InvalidOperationException">The node is not a running reader, or the promotion failed.</exception>
    /// <exception cref="TimeoutException">The node did not accept writes within the options' <c>StartupTimeout</c>.</exception>
    public Task PromoteAsync(TNode standby, CancellationToken cancellationToken = default)
    {
        Own(standby, nameof(standby));
        return ExclusiveAsync(() => PromoteCoreAsync(standby, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Fails the writer over as Aurora does after an instance failure: crashes or freezes the writer,
    /// waits <paramref name="delayBeforePromotion"/> (the time Aurora takes to notice), then promotes
    /// <paramref name="target"/> or, when none is given, the reader that received the most of the writer's changes.
    /// </summary>
    /// <param name="fault">What happens to the writer.</param>
    /// <param name="target">The reader to promote, or <see langword="null"/> for the most advanced running one.</param>
    /// <param name="delayBeforePromotion">How long the cluster has no writer; zero or more.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The new writer.</returns>
    /// <exception cref="ArgumentException">The target belongs to another cluster.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delayBeforePromotion"/> is negative, or <paramref name="fault"/> is not defined.</exception>
    /// <exception cref="InvalidOperationException">There is no running reader to promote, or the promotion failed.</exception>
    public Task<TNode> FailoverAsync(
        FailoverFault fault = FailoverFault.Crash,
        TNode? target = null,
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

    /// <summary>Promotes <paramref name="standby"/>, updates the roles and tells the control plane; runs inside an exclusive operation.</summary>
    private protected abstract Task PromoteCoreAsync(TNode standby, CancellationToken cancellationToken);

    /// <summary>The running reader that received the most of the writer's changes.</summary>
    /// <exception cref="InvalidOperationException">No reader runs.</exception>
    private protected abstract Task<TNode> MostAdvancedReaderAsync(CancellationToken cancellationToken);
}
