using System.Data.Common;
using System.Globalization;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>
/// PostgreSQL's answer to "did that transaction commit?": <c>txid_current()</c> inside the transaction,
/// <c>txid_status()</c> on the writer after the failover. The writer's WAL timeline, taken with the id, tells
/// whether the writer asked later has the same history: on the same timeline the answer is exact. After a
/// promotion (another timeline) a transaction id that the new writer never saw may have been handed out
/// again by it; so its "committed" counts only when it replayed WAL beyond the point where the transaction
/// started (<c>pg_last_wal_replay_lsn()</c>, frozen at the end of its recovery), and its "in progress" means
/// "not ours" (a promoted node runs no session from before its promotion).
/// </summary>
internal sealed class PostgresCommitOutcomeResolver : ICommitOutcomeResolver
{
    private const string FutureTransactionIdState = "22023";

    public static PostgresCommitOutcomeResolver Instance { get; } = new();

    public async Task<TransactionMarker> MarkAsync(DbConnection connection, DbTransaction transaction, HostSpec host, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT pg_catalog.txid_current(), "
            + "CASE WHEN pg_catalog.has_function_privilege('pg_catalog.pg_logical_emit_message(boolean,text,text)', 'execute') "
            + "THEN pg_catalog.pg_logical_emit_message(true, 'aurora-reactive', '')::text END, "
            + "pg_catalog.pg_backend_pid(), pg_catalog.pg_walfile_name(pg_catalog.pg_current_wal_insert_lsn())";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("txid_current() returned no row.");
        }

        var xid = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var lsn = reader.IsDBNull(1) ? null : ParseLsn(reader.GetString(1));
        var pid = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        var timeline = reader.IsDBNull(3) ? null : ParseTimeline(reader.GetString(3));
        return new TransactionMarker(xid, lsn, pid, timeline, host);
    }

    public async Task<CommitOutcome> ResolveAsync(DbConnection connection, HostSpec host, TransactionMarker marker, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            string.Create(CultureInfo.InvariantCulture, $"SELECT pg_catalog.txid_status({marker.TransactionId}), pg_catalog.pg_last_wal_replay_lsn()::text, ")
            + "CASE WHEN pg_catalog.pg_is_in_recovery() THEN NULL ELSE pg_catalog.pg_walfile_name(pg_catalog.pg_current_wal_lsn()) END";
        string? status;
        ulong? replayedUpTo;
        long? timeline;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return CommitOutcome.Unknown;
            }

            status = reader.IsDBNull(0) ? null : reader.GetString(0);
            replayedUpTo = reader.IsDBNull(1) ? null : ParseLsn(reader.GetString(1));
            timeline = reader.IsDBNull(2) ? null : ParseTimeline(reader.GetString(2));
        }
        catch (DbException error) when (error.SqlState == FutureTransactionIdState)
        {
            // "transaction ID ... is in the future": the new writer never saw the transaction.
            return CommitOutcome.NotCommitted;
        }

        return Decide(status, replayedUpTo, timeline, marker);
    }

    /// <summary>The outcome, from what the writer asked later says: <c>txid_status</c>, where its recovery ended, and its timeline.</summary>
    // A promoted node continues the id sequence from the last id its replayed WAL showed, so an id the old writer handed
    // out but never got into the replicated WAL is handed out again there, and "committed" may then be another
    // transaction's answer. (The demo lost an acknowledged write this way after a freeze: the id of the transaction whose
    // COMMIT was in flight came back "committed" from the new writer, for a row another worker had written there.)
    internal static CommitOutcome Decide(string? status, ulong? replayedUpTo, long? timeline, TransactionMarker marker)
    {
        var sameHistory = timeline is not null && timeline == marker.Timeline;
        return status switch
        {
            "committed" when sameHistory => CommitOutcome.Committed,
            "committed" when replayedUpTo is { } replayed && marker.IdLoggedAt is { } logged =>
                replayed >= logged ? CommitOutcome.Committed : CommitOutcome.NotCommitted,
            "committed" => CommitOutcome.Unknown,
            "aborted" => CommitOutcome.NotCommitted,
            "in progress" when sameHistory => CommitOutcome.InProgress,
            "in progress" => CommitOutcome.NotCommitted,
            _ => CommitOutcome.Unknown,
        };
    }

    public async Task EndSessionAsync(DbConnection connection, TransactionMarker marker, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT pg_catalog.pg_terminate_backend({marker.BackendProcessId})");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The timeline of a WAL file name (its first eight hexadecimal digits).</summary>
    internal static long? ParseTimeline(string walFileName) =>
        walFileName.Length >= 8 && long.TryParse(walFileName.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var timeline)
            ? timeline
            : null;

    /// <summary>Parses PostgreSQL's <c>X/Y</c> hexadecimal WAL position.</summary>
    internal static ulong? ParseLsn(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !ulong.TryParse(text.AsSpan(0, slash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(text.AsSpan(slash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return null;
        }

        return (high << 32) | low;
    }
}
