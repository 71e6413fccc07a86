using System.Data.Common;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Closes abandoned connections without making anyone wait: a connection stuck on a frozen host may take
/// the driver a minute to close.
/// </summary>
internal static class BackgroundDisposal
{
    public static void Dispose(DbConnection connection) => _ = DisposeQuietlyAsync(connection);

    /// <summary>Disposes the connection an abandoned open produces, whenever (if ever) it does.</summary>
    public static void DisposeWhenOpened(Task<DbConnection> opening) =>
        _ = opening.ContinueWith(
            static task => Dispose(task.Result),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static async Task DisposeQuietlyAsync(DbConnection connection)
    {
        await Task.Yield();
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
