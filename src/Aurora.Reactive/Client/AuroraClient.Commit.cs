using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Client;

/// <content>Resolving a transaction whose COMMIT was in flight when its node failed.</content>
public sealed partial class AuroraClient
{
    /// <summary>
    /// Asks the writer <paramref name="connection"/> is on about the pending transaction: <see langword="true"/>
    /// when it committed (the unit's result stands), <see langword="false"/> when it did not (run the unit again).
    /// </summary>
    /// <exception cref="TransactionResolutionUnknownException">The writer cannot tell; this error reaches the caller.</exception>
    private async Task<bool> ResolvePendingCommitAsync(CallState state, AuroraConnection connection, CancellationToken cancellationToken)
    {
        var marker = state.PendingCommit!;
        var host = connection.CurrentHost ?? _dataSource.InitialHost;
        var outcome = await _resolver!.ResolveAsync(connection, host, marker, _scheduler, cancellationToken).ConfigureAwait(false);
        _telemetry.CommitOutcomeResolved(marker.TransactionId, outcome, marker.Host, host);
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
