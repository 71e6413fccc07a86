using System.Data.Common;
using System.Runtime.CompilerServices;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;

namespace Aurora.Reactive.EntityFrameworkCore.Internal;

/// <summary>
/// The commit-outcome check of <c>AuroraClient</c> (<see cref="PostgresCommitOutcomeResolver"/>) for EF Core transactions,
/// and the record of the errors whose outcome stayed unknown (which <see cref="AuroraExecutionStrategy"/> never retries).
/// </summary>
internal static class CommitOutcomeCheck
{
    // As AuroraClient: a transaction still running on its old session (a network cut, not a crash) gets its session
    // ended and is then watched this long before its outcome counts as unknown.
    private static readonly TimeSpan InProgressPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InProgressPollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly ConditionalWeakTable<FailoverException, object> Unresolved = [];

    public static bool IsUnresolved(FailoverException error) => Unresolved.TryGetValue(error, out _);

    public static Task<TransactionMarker> MarkAsync(AuroraConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        PostgresCommitOutcomeResolver.Instance.MarkAsync(connection, transaction, HostOf(connection), cancellationToken);

    /// <summary>Whether the transaction of <paramref name="marker"/> committed; <see langword="false"/> when it did not or when that stays unknown (then <paramref name="error"/> is marked unresolved).</summary>
    public static async Task<bool> CommittedAsync(AuroraConnection connection, TransactionMarker marker, FailoverException error, CancellationToken cancellationToken)
    {
        CommitOutcome outcome;
        try
        {
            outcome = await ResolveAsync(connection, marker, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The writer could not be asked (it failed as well): the outcome stays unknown.
            outcome = CommitOutcome.Unknown;
        }

        if (outcome is CommitOutcome.Committed or CommitOutcome.NotCommitted)
        {
            return outcome == CommitOutcome.Committed;
        }

        Unresolved.AddOrUpdate(error, outcome);
        return false;
    }

    private static async Task<CommitOutcome> ResolveAsync(AuroraConnection connection, TransactionMarker marker, CancellationToken cancellationToken)
    {
        var resolver = PostgresCommitOutcomeResolver.Instance;
        var giveUpAt = DateTime.UtcNow + InProgressPatience;
        var outcome = await resolver.ResolveAsync(connection, HostOf(connection), marker, cancellationToken).ConfigureAwait(false);
        var sessionEnded = false;
        while (outcome == CommitOutcome.InProgress && DateTime.UtcNow < giveUpAt)
        {
            if (!sessionEnded)
            {
                await resolver.EndSessionAsync(connection, marker, cancellationToken).ConfigureAwait(false);
                sessionEnded = true;
            }

            await Task.Delay(InProgressPollInterval, cancellationToken).ConfigureAwait(false);
            outcome = await resolver.ResolveAsync(connection, HostOf(connection), marker, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private static Hosts.HostSpec HostOf(AuroraConnection connection) =>
        connection.CurrentHost ?? connection.AuroraDataSource?.Connections.InitialHost
        ?? throw new InvalidOperationException("The connection has no data source.");
}
