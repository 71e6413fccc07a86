namespace Aurora.Reactive.Drivers;

/// <summary>
/// Runs driver work that may hold its thread on an unresponsive node (a cancel request, closing a connection whose
/// node froze) on a thread of its own, never on the thread pool. The pool of a two-core machine starts with two
/// threads and adds about one per half second when they are all busy: two such calls held for a driver's connect
/// timeout would delay every timer, probe and continuation of the process by seconds.
/// </summary>
internal static class BlockingWork
{
    /// <summary>Runs a call of a provider whose asynchronous methods block (MySql.Data) on a dedicated thread, and returns its task.</summary>
    public static Task<T> Run<T>(Func<Task<T>> work) => OnOwnThread(work).Unwrap();

    /// <inheritdoc cref="Run{T}(Func{Task{T}})"/>
    public static Task Run(Func<Task> work) => OnOwnThread(work).Unwrap();

    /// <summary>Starts <paramref name="work"/> on a dedicated background thread; its failure is observed and dropped.</summary>
    public static void Start(Action work) =>
        _ = Task.Factory.StartNew(work, CancellationToken.None, OwnThread, TaskScheduler.Default)
            .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private const TaskCreationOptions OwnThread = TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach;

    private static Task<T> OnOwnThread<T>(Func<T> work) => Task.Factory.StartNew(work, CancellationToken.None, OwnThread, TaskScheduler.Default);
}
