using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    /// <inheritdoc/>
    LogicalConnectionState ILogicalConnection.CurrentState => CurrentState;

    /// <inheritdoc/>
    IObservable<LogicalConnectionState> ILogicalConnection.StateChanges => StateChanges;

    /// <inheritdoc/>
    void ILogicalConnection.ReportHostLost(HostSpec host, Exception reason) => ReportHostLost(host, reason);

    /// <inheritdoc/>
    internal void ReportHostLost(HostSpec host, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(reason);
        if (!_machine.MarkLost(host, reason, static (current, reported) => current.Node == reported.Node, out var arm))
        {
            return;
        }

        // Asynchronously, so the reporter (a coordinator releasing many connections) never runs a caller's failover itself.
        _dataSource.HandOff.Post(static state => state.Machine.ReleaseLost(state.Arm), (Machine: _machine, Arm: arm));
    }

    /// <summary>Whether commands must be watched for a loss report (a failover handler is installed or monitoring is on, and the connection is open).</summary>
    internal bool IsLossWatched => _machine.IsLossWatched;

    /// <summary>Waits for <paramref name="running"/> or a loss report, whichever comes first; <see langword="true"/> when lost.</summary>
    internal ValueTask<bool> RaceLoss(Task running) => _machine.RaceLoss(running);

    /// <summary>As <see cref="RaceLoss(Task)"/>, for a statement started at <paramref name="startedAt"/>, watched meanwhile (see <see cref="WatchRunning(DateTimeOffset)"/>): the task returned completes as the statement's does, or fails over (see <see cref="ConnectionStateMachine.RaceStatement"/>).</summary>
    internal Task<T> RaceStatement<T>(Task<T> running, INodeStep step, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        _machine.RaceStatement(running, step, startedAt, cancellationToken);

    /// <summary>The error to fail over with after a loss report released <paramref name="abandoned"/>.</summary>
    internal HostLostException HostLost(Task abandoned)
    {
        ObserveFault(abandoned);
        return new HostLostException(_machine.LossReason() ?? new TimeoutException("The node was reported lost."));
    }

    /// <summary>
    /// Watches a statement that did not complete at once for a stall (see <see cref="ITopologyAwareOpener.WatchStatement"/>),
    /// on a writer connection of a data source whose handler knows the topology; <see langword="null"/> otherwise.
    /// </summary>
    internal IDisposable? WatchStall() =>
        _machine.Host is { Role: HostRole.Writer } host && _dataSource.TopologyOpener is { } opener ? opener.WatchStatement(host) : null;

    /// <summary>
    /// Before a command: when the node was reported lost while the connection was idle, fail over now and report the
    /// move: <see cref="FailoverSuccessException"/> outside a transaction (the command did not run; the connection is
    /// on the new node), unless <see cref="AuroraConnectionSettings.SilentIdleMove"/> makes that switch silent;
    /// inside one the transaction is gone and <see cref="TransactionResolutionUnknownException"/> is thrown.
    /// </summary>
    internal ValueTask EnsureUsableAsync(CancellationToken cancellationToken) =>
        !_machine.HasPendingLoss ? default : SwitchAfterLossAsync(cancellationToken);

    /// <summary>Whether the node was reported lost while the connection was idle.</summary>
    internal bool HasPendingLoss => _machine.HasPendingLoss;

    /// <summary>The synchronous <see cref="EnsureUsableAsync"/>.</summary>
    internal void EnsureUsable()
    {
        if (_machine.HasPendingLoss)
        {
            SwitchAfterLossAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Marks the node lost after an error met where throwing is not allowed (a dispose), so the next command fails over.</summary>
    internal void DeferFailover(Exception error) => _machine.DeferLoss(error);

    private async ValueTask SwitchAfterLossAsync(CancellationToken cancellationToken)
    {
        if (_machine.PendingLoss() is not { } reason || _machine.Physical is null)
        {
            return;
        }

        var outcome = await FailOverAsync(new HostLostException(reason), cancellationToken).ConfigureAwait(false);
        if (outcome is not FailoverSuccessException || !Settings.SilentIdleMove)
        {
            throw outcome;
        }
    }
}
