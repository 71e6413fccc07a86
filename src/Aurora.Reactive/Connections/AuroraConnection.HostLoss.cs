using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    private bool _lossArmed;
    private CancellationTokenSource? _lossSource;
    private Exception? _lossReason;
    private Exception? _pendingLoss;

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
        CancellationTokenSource source;
        lock (_gate)
        {
            var current = _host;
            if (!_lossArmed || current is null || !IsSameNode(current, host) || _lossReason is not null)
            {
                return;
            }

            _lossReason = reason;
            _pendingLoss = reason;
            source = _lossSource ??= new CancellationTokenSource();
        }

        // Asynchronously, so the reporter (a coordinator releasing many connections) never runs a caller's failover itself.
        ObserveFault(source.CancelAsync());
    }

    private static bool IsSameNode(HostSpec current, HostSpec reported) =>
        (current.Port == reported.Port && string.Equals(current.Host, reported.Host, StringComparison.OrdinalIgnoreCase))
        || (current.InstanceId is not null && string.Equals(current.InstanceId, reported.InstanceId, StringComparison.Ordinal));

    private void ArmHostLoss() => SetLossArmed(true);

    private void ResetHostLoss() => SetLossArmed(false);

    private void SetLossArmed(bool armed)
    {
        CancellationTokenSource? old;
        lock (_gate)
        {
            old = _lossSource;
            _lossSource = null;
            _lossReason = null;
            _pendingLoss = null;
            _lossArmed = armed;
        }

        // A cancelled source may still be referenced by a released command's WaitAsync; disposing only the untouched one is safe.
        if (old is not null && !old.IsCancellationRequested)
        {
            old.Dispose();
        }
    }

    /// <summary>Whether commands must be watched for a loss report (a failover handler is installed or monitoring is on, and the connection is open).</summary>
    internal bool IsLossWatched => _lossArmed;

    /// <summary>A token cancelled when the current node is reported lost.</summary>
    internal CancellationToken LossToken()
    {
        lock (_gate)
        {
            return (_lossSource ??= new CancellationTokenSource()).Token;
        }
    }

    /// <summary>The error to fail over with after <paramref name="lossToken"/> released a command.</summary>
    internal HostLostException HostLost(Task abandoned)
    {
        ObserveFault(abandoned);
        Exception? reason;
        lock (_gate)
        {
            reason = _lossReason;
        }

        return new HostLostException(reason ?? new TimeoutException("The node was reported lost."));
    }

    /// <summary>Returns <paramref name="operation"/>, or fails it with <see cref="HostLostException"/> as soon as the node is reported lost.</summary>
    internal Task<T> Watch<T>(Task<T> operation) =>
        !_lossArmed || operation.IsCompleted ? operation : WatchSlowAsync(operation, LossToken());

    /// <summary>
    /// Watches a statement that did not complete at once for a stall (see <see cref="ITopologyAwareOpener.WatchStatement"/>),
    /// on a writer connection of a data source whose handler knows the topology; <see langword="null"/> otherwise.
    /// </summary>
    internal IDisposable? WatchStall() =>
        _host is { Role: HostRole.Writer } host && _dataSource.TopologyOpener is { } opener ? opener.WatchStatement(host) : null;

    // A statement on the writer that outlives the stall threshold makes the topology be checked at once (see
    // ITopologyAwareOpener.WatchStatement): a frozen writer whose replacement is promoted then releases it through the
    // writer watch within a fast refresh, not at the next normal one (30 s by default), nor when monitoring declares it dead.
    private async Task<T> WatchSlowAsync<T>(Task<T> operation, CancellationToken lossToken)
    {
        using var stall = WatchStall();
        try
        {
            return await operation.WaitAsync(lossToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lossToken.IsCancellationRequested)
        {
            throw HostLost(operation);
        }
    }

    /// <summary>
    /// Before a command: when the node was reported lost while the connection was idle, fail over now and report the
    /// move: <see cref="FailoverSuccessException"/> outside a transaction (the command did not run; the connection is
    /// on the new node), unless <see cref="AuroraConnectionSettings.SilentIdleMove"/> makes that switch silent;
    /// inside one the transaction is gone and <see cref="TransactionResolutionUnknownException"/> is thrown.
    /// </summary>
    internal ValueTask EnsureUsableAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _pendingLoss) is null ? default : SwitchAfterLossAsync(cancellationToken);

    /// <summary>Whether the node was reported lost while the connection was idle.</summary>
    internal bool HasPendingLoss => Volatile.Read(ref _pendingLoss) is not null;

    /// <summary>The synchronous <see cref="EnsureUsableAsync"/>.</summary>
    internal void EnsureUsable()
    {
        if (Volatile.Read(ref _pendingLoss) is not null)
        {
            SwitchAfterLossAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Marks the node lost after an error met where throwing is not allowed (a dispose), so the next command fails over.</summary>
    internal void DeferFailover(Exception error)
    {
        lock (_gate)
        {
            if (_lossArmed)
            {
                _pendingLoss ??= error;
            }
        }
    }

    private async ValueTask SwitchAfterLossAsync(CancellationToken cancellationToken)
    {
        Exception? reason;
        lock (_gate)
        {
            reason = _pendingLoss;
        }

        if (reason is null || _physical is null)
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
