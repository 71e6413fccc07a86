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

    // As AuroraClient: a transaction still running on its old session (a network cut, not a crash) gets its session ended
    // and is then watched for a while, on the data source's clock, before its outcome counts as unknown.
    private static Task<CommitOutcome> ResolveAsync(AuroraConnection connection, TransactionMarker marker, CancellationToken cancellationToken) =>
        PostgresCommitOutcomeResolver.Instance.ResolveAsync(
            connection, HostOf(connection), marker, connection.AuroraDataSource?.Clock.Scheduler ?? AuroraDataSourceBuilder.DefaultClock, cancellationToken);

    private static Hosts.HostSpec HostOf(AuroraConnection connection) =>
        connection.CurrentHost ?? connection.AuroraDataSource?.Connections.InitialHost
        ?? throw new InvalidOperationException("The connection has no data source.");
}
