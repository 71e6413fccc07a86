using System.Data.Common;
using Aurora.Reactive.Scheduling;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Closes abandoned connections without making anyone wait: a connection stuck on a frozen host may take
/// the driver a minute to close.
/// </summary>
internal static class BackgroundDisposal
{
    public static void Dispose(DbConnection connection, HandOff? handOff = null) => _ = DisposeQuietlyAsync(connection, handOff ?? HandOff.ThreadPool);

    /// <summary>Disposes the connection an abandoned open produces, whenever (if ever) it does.</summary>
    public static void DisposeWhenOpened(Task<DbConnection> opening, HandOff? handOff = null) =>
        _ = opening.ContinueWith(
            task => Dispose(task.Result, handOff),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static async Task DisposeQuietlyAsync(DbConnection connection, HandOff handOff)
    {
        await handOff.Yield();
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing an abandoned connection is best effort; it is already written off.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
