namespace Aurora.Reactive.Drivers;

/// <summary>
/// A cancellation source handed to a driver whose cancellation may block: cancelling it never runs the
/// driver's callbacks on the caller's thread.
/// </summary>
/// <remarks>
/// Npgsql answers the cancellation of a running query by opening a new socket to the node, sending a
/// cancel request and reading synchronously until the server closes it. On a frozen node (process
/// stopped, sockets still accepted by the kernel) that read never returns. Cancelling inline from an Rx
/// timeout or a dispose would hold the timer thread, and any lock around the dispose, until the node
/// dies, and the timeout error would never be delivered. So the cancel runs on a thread of its own (<see cref="BlockingWork"/>).
/// </remarks>
internal sealed class DetachedCancellation(Scheduling.HandOff? handOff = null)
{
    private readonly CancellationTokenSource _source = new();
    private int _cancelled;

    /// <summary>The token to pass to the driver.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Requests the cancellation without waiting for the driver's reaction; later calls do nothing.</summary>
    public void CancelInBackground()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) != 0)
        {
            return;
        }

        var source = _source;
        (handOff ?? Scheduling.HandOff.ThreadPool).StartDetached(() =>
        {
            try
            {
                source.Cancel();
            }
            catch (AggregateException)
            {
                // A throwing driver callback has nobody to report to; the operation is already abandoned.
            }
        });
    }
}
