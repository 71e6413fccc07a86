using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraConnection
{
    private bool _lossArmed;
    private TaskCompletionSource<Exception>? _hostLost;
    private Exception? _pendingLoss;

    /// <inheritdoc/>
    public void ReportHostLost(HostSpec host, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_gate)
        {
            var current = _host;
            if (!_lossArmed || current is null || !IsSameNode(current, host))
            {
                return;
            }

            _pendingLoss ??= reason;
            (_hostLost ??= NewLossSignal()).TrySetResult(reason);
        }
    }

    private static bool IsSameNode(HostSpec current, HostSpec reported) =>
        (current.Port == reported.Port && string.Equals(current.Host, reported.Host, StringComparison.OrdinalIgnoreCase))
        || (current.InstanceId is not null && string.Equals(current.InstanceId, reported.InstanceId, StringComparison.Ordinal));

    private void ArmHostLoss()
    {
        lock (_gate)
        {
            _pendingLoss = null;
            _hostLost = null;
            _lossArmed = true;
        }
    }

    private void ResetHostLoss()
    {
        lock (_gate)
        {
            _pendingLoss = null;
            _hostLost = null;
            _lossArmed = false;
        }
    }

    /// <summary>Returns <paramref name="operation"/>, or fails it with <see cref="HostLostException"/> as soon as the node is reported lost.</summary>
    internal Task<T> Watch<T>(Task<T> operation) =>
        !_lossArmed || operation.IsCompleted ? operation : WatchSlowAsync(operation, LossSignal());

    private Task<Exception> LossSignal()
    {
        lock (_gate)
        {
            return (_hostLost ??= NewLossSignal()).Task;
        }
    }

    private static TaskCompletionSource<Exception> NewLossSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task<T> WatchSlowAsync<T>(Task<T> operation, Task<Exception> lost)
    {
        var first = await Task.WhenAny(operation, lost).ConfigureAwait(false);
        if (first == operation)
        {
            return await operation.ConfigureAwait(false);
        }

        ObserveFault(operation);
        throw new HostLostException(await lost.ConfigureAwait(false));
    }

    /// <summary>
    /// Before a command: when the node was reported lost while the connection was idle, fail over now.
    /// Outside a transaction the switch is silent (nothing ran yet); inside one the transaction is gone
    /// and <see cref="TransactionResolutionUnknownException"/> is thrown.
    /// </summary>
    internal ValueTask EnsureUsableAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _pendingLoss) is null ? default : SwitchAfterLossAsync(cancellationToken);

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
        if (outcome is not FailoverSuccessException)
        {
            throw outcome;
        }
    }
}
