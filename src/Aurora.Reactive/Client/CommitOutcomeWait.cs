using System.Data.Common;
using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>
/// Asks a writer whether a transaction whose COMMIT was in flight committed, waiting out a transaction still running on
/// its old session: that session is ended, then the outcome is asked again every <see cref="PollInterval"/> for at most
/// <see cref="Patience"/> of the scheduler's time, after which it counts as unknown. Used by <c>AuroraClient</c> and by
/// the EF Core execution strategy alike.
/// </summary>
internal static class CommitOutcomeWait
{
    /// <summary>How long a transaction still in progress (the old session outlived the failure, as after a network cut) is waited for.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <returns><see cref="CommitOutcome.Committed"/>, <see cref="CommitOutcome.NotCommitted"/> or <see cref="CommitOutcome.Unknown"/>; never <see cref="CommitOutcome.InProgress"/>.</returns>
    public static async Task<CommitOutcome> ResolveAsync(
        this ICommitOutcomeResolver resolver, DbConnection connection, HostSpec host, TransactionMarker marker, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var giveUpAt = scheduler.Now + Patience;
        var outcome = await resolver.ResolveAsync(connection, host, marker, cancellationToken).ConfigureAwait(false);
        var sessionEnded = false;
        while (outcome == CommitOutcome.InProgress)
        {
            if (!sessionEnded)
            {
                await resolver.EndSessionAsync(connection, marker, cancellationToken).ConfigureAwait(false);
                sessionEnded = true;
            }

            if (scheduler.Now >= giveUpAt)
            {
                return CommitOutcome.Unknown;
            }

            await SchedulerDelay.Delay(scheduler, PollInterval, cancellationToken).ConfigureAwait(false);
            outcome = await resolver.ResolveAsync(connection, host, marker, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
