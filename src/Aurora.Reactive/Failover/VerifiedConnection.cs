using System.Data.Common;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>An open physical connection and its node, with the role the node reported itself. Claimed by exactly one logical connection.</summary>
internal sealed class VerifiedConnection(DbConnection connection, HostSpec host)
{
    private int _claimed;

    public HostSpec Host { get; } = host;

    /// <summary>Hands the connection to the first caller only; later callers get <see langword="null"/>.</summary>
    public DbConnection? Claim() => Interlocked.Exchange(ref _claimed, 1) == 0 ? connection : null;

    /// <summary>Disposes the connection unless it was claimed.</summary>
    public void DisposeUnclaimed()
    {
        if (Claim() is { } unclaimed)
        {
            DisposeQuietly(unclaimed);
        }
    }

    /// <summary>
    /// An attempt already started, as an observable of its connection: it emits the connection and completes, or fails
    /// with the attempt's error. Unsubscribing before the attempt ends abandons it: <paramref name="onAbandoned"/> runs
    /// (a cancellation, say) and the connection it may still yield is disposed.
    /// </summary>
    public static IObservable<VerifiedConnection> Observe(Task<VerifiedConnection> attempt, HostSpec host, Action? onAbandoned = null) =>
        Observable.Create<VerifiedConnection>(observer =>
        {
            var state = 0; // 0 running, 1 unsubscribed, 2 delivered
            _ = attempt.ContinueWith(
                task =>
                {
                    if (task.IsCompletedSuccessfully)
                    {
                        if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
                        {
                            observer.OnNext(task.Result);
                            observer.OnCompleted();
                        }
                        else
                        {
                            task.Result.DisposeUnclaimed();
                        }
                    }
                    else if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
                    {
                        observer.OnError(task.Exception?.GetBaseException() ?? new OperationCanceledException($"The attempt on {host.Endpoint} was cancelled."));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return Disposable.Create(() =>
            {
                if (Interlocked.CompareExchange(ref state, 1, 0) == 0)
                {
                    onAbandoned?.Invoke();
                }
            });
        });

    /// <summary>Starts disposing at once (a healthy node's connection closes inline) and ignores a failure (the node may be gone).</summary>
    public static void DisposeQuietly(DbConnection connection)
    {
        Task disposal;
        try
        {
            disposal = connection.DisposeAsync().AsTask();
        }
        catch (Exception)
        {
            return;
        }

        _ = disposal.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
