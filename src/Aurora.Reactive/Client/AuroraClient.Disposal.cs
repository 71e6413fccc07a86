namespace Aurora.Reactive.Client;

/// <content>Calls in flight and disposal.</content>
public sealed partial class AuroraClient
{
    /// <summary>How long disposal waits for calls in flight to observe the cancellation before it closes the pools under them.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _disposing = new();
    private readonly TaskCompletionSource<bool> _drained;
    private int _inFlight;
    private int _disposed;

    /// <summary>The number of calls running now.</summary>
    public int CallsInFlight => Volatile.Read(ref _inFlight);

    private void EnterCall()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _disposed) != 0)
        {
            ExitCall();
            throw new ObjectDisposedException(nameof(AuroraClient));
        }
    }

    private void ExitCall()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            _drained.TrySetResult(true);
        }
    }

    /// <summary>
    /// Cancels the calls in flight (they end with <see cref="ObjectDisposedException"/>), waits briefly for
    /// them to let go of their connections, then stops the monitors and closes the pools. Safe to call twice.
    /// </summary>
    /// <returns>A task that completes when everything the client started has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var inFlight = Volatile.Read(ref _inFlight);
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult(true);
        }

        try
        {
            await _dataSource.HandOff.Deliver(_drained).WaitAsync(DrainTimeout, _dataSource.Clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A call stuck in the driver (a frozen node) must not hold the shutdown; the data source's dispose below ends its pools.
        }

        _clusterSubscriptions.Dispose();
        _watch?.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        using (_streams.Enter())
        {
            _states.Complete();
        }

        _telemetry.ClientDisposed(inFlight);
    }
}
