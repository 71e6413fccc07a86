using Aurora.Reactive.Connections;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Client;

/// <content>Resolving a transaction whose COMMIT was in flight when its node failed.</content>
public sealed partial class AuroraClient
{
    /// <summary>
    /// How long a transaction still "in progress" on its own writer (the old session outlived the failure, as after a
    /// network cut) is waited for, after that session was ended, before the outcome counts as unknown.
    /// </summary>
    private static readonly TimeSpan InProgressPatience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan InProgressPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Asks the writer <paramref name="connection"/> is on about the pending transaction: <see langword="true"/>
    /// when it committed (the unit's result stands), <see langword="false"/> when it did not (run the unit again).
    /// </summary>
    /// <exception cref="TransactionResolutionUnknownException">The writer cannot tell; this error reaches the caller.</exception>
    private async Task<bool> ResolvePendingCommitAsync(CallState state, AuroraConnection connection, CancellationToken cancellationToken)
    {
        var marker = state.PendingCommit!;
        var host = connection.CurrentHost ?? _dataSource.InitialHost;
        var giveUpAt = _scheduler.Now + InProgressPatience;
        var outcome = await _resolver!.ResolveAsync(connection, host, marker, cancellationToken).ConfigureAwait(false);
        var sessionEnded = false;
        while (outcome == CommitOutcome.InProgress)
        {
            if (!sessionEnded)
            {
                await _resolver.EndSessionAsync(connection, marker, cancellationToken).ConfigureAwait(false);
                sessionEnded = true;
            }

            if (_scheduler.Now >= giveUpAt)
            {
                outcome = CommitOutcome.Unknown;
                break;
            }

            await SchedulerDelay.Delay(_scheduler, InProgressPollInterval, cancellationToken).ConfigureAwait(false);
            outcome = await _resolver.ResolveAsync(connection, host, marker, cancellationToken).ConfigureAwait(false);
        }

        ClientLog.CommitOutcome(_logger, marker.TransactionId, outcome.ToString(), host.ToString());
        Publish(new AuroraClientEvent(
            AuroraClientEventKind.CommitOutcomeResolved,
            _scheduler.Now,
            $"transaction {marker.TransactionId}, whose commit was in flight on {marker.Host}: {outcome} (asked {host})") { Host = host });
        switch (outcome)
        {
            case CommitOutcome.Committed:
                state.PendingCommit = null;
                return true;
            case CommitOutcome.NotCommitted:
                state.PendingCommit = null;
                state.PendingResult = null;
                return false;
            default:
                var unknown = new TransactionResolutionUnknownException(marker.Host, host, null);
                state.FinalError = unknown;
                throw unknown;
        }
    }
}
