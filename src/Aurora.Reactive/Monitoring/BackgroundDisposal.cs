using System.Data.Common;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Closes monitoring connections without making anyone wait. One abandoned in the middle of an operation (a probe that
/// failed or timed out) is closed on a hand-off, once its statement has ended (see <see cref="SelectOneProber"/>): on a
/// frozen host the driver may take a minute to close it. One with no
/// operation in flight (idle, or just opened) is closed at once, on the calling thread: the driver's close then only
/// writes its goodbye to the socket and closes it. Queued behind the thread pool instead, it outlived a dispose by a
/// second whenever the pool was short of threads.
/// </summary>
internal static class BackgroundDisposal
{
    /// <summary>Closes a connection abandoned in the middle of an operation, on <paramref name="handOff"/> (the thread pool by default).</summary>
    public static void Dispose(DbConnection connection, HandOff? handOff = null) => _ = DisposeQuietlyAsync(connection, handOff ?? HandOff.ThreadPool);

    /// <summary>Starts closing a connection with no operation in flight now, on this thread; its driver's asynchronous close goes on from there.</summary>
    public static void Close(DbConnection idle) => _ = CloseQuietlyAsync(idle);

    /// <summary>Closes the connection an abandoned open produces (it has no operation in flight), whenever (if ever) it does.</summary>
    public static void DisposeWhenOpened(Task<DbConnection> opening) =>
        _ = opening.ContinueWith(
            task => Close(task.Result),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static async Task CloseQuietlyAsync(DbConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing a connection nobody uses any more is best effort; it is already written off.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static async Task DisposeQuietlyAsync(DbConnection connection, HandOff handOff)
    {
        await handOff.Yield();
        await CloseQuietlyAsync(connection).ConfigureAwait(false);
    }
}
