using System.Data.Common;
using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Closes abandoned connections without making anyone wait: a connection stuck on a frozen host may take
/// the driver a minute to close.
/// </summary>
internal static class BackgroundDisposal
{
    public static void Dispose(DbConnection connection) => BlockingWork.Start(connection.Dispose);

    /// <summary>Disposes the connection an abandoned open produces, whenever (if ever) it does.</summary>
    public static void DisposeWhenOpened(Task<DbConnection> opening) =>
        _ = opening.ContinueWith(
            static task => Dispose(task.Result),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
