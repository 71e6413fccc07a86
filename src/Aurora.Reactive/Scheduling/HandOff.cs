using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Runtime.CompilerServices;
using Aurora.Reactive.Drivers;

namespace Aurora.Reactive.Scheduling;

/// <summary>
/// Where the library's asynchronous hand-offs run: a caller's continuation after a failover or an open, a driver
/// call moved off the thread that started it, a cancellation that must not run inline. Each exists so that no caller's
/// code runs under a library lock or on a timer's thread. One per data source, set by its builder; by default the
/// thread pool. Virtual-time tests give a queue that the test drains on its own thread between the clock's items, so
/// that a whole run is single-threaded and replays the same way every time.
/// </summary>
internal sealed class HandOff
{
    private readonly Action<Action>? _post;

    private HandOff(Action<Action>? post) => _post = post;

    /// <summary>The default: the thread pool, and a thread of its own for work that may block (<see cref="BlockingWork"/>).</summary>
    public static HandOff ThreadPool { get; } = new(null);

    /// <summary>Hand-offs given to <paramref name="post"/>, which must run each later, never inline.</summary>
    public static HandOff Through(Action<Action> post) => new(post ?? throw new ArgumentNullException(nameof(post)));

    /// <summary>A completion whose awaiters never run inside its <c>TrySetResult</c> when awaited through <see cref="Deliver{T}"/>.</summary>
    public TaskCompletionSource<T> NewCompletion<T>() =>
        _post is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : new();

    /// <summary>The task a caller awaits for <paramref name="completion"/>: its continuations run as a hand-off.</summary>
    public Task<T> Deliver<T>(TaskCompletionSource<T> completion)
    {
        if (_post is not { } post)
        {
            return completion.Task;
        }

        var delivered = new TaskCompletionSource<T>();
        _ = completion.Task.ContinueWith(
            task => post(() =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    delivered.TrySetResult(task.Result);
                }
                else if (task.IsCanceled)
                {
                    delivered.TrySetCanceled();
                }
                else
                {
                    delivered.TrySetException(task.Exception!.InnerExceptions);
                }
            }),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return delivered.Task;
    }

    /// <summary>
    /// <paramref name="task"/> as an observable whose notification is a hand-off (Rx's <c>ToObservable</c>, which
    /// delivers a pending task's outcome on the thread pool, for the thread pool).
    /// </summary>
    public IObservable<T> Observe<T>(Task<T> task)
    {
        if (_post is not { } post)
        {
            return task.ToObservable();
        }

        return Observable.Create<T>(observer =>
        {
            var subscribed = new BooleanDisposable();
            _ = task.ContinueWith(
                done => post(() =>
                {
                    if (subscribed.IsDisposed)
                    {
                        return;
                    }

                    if (done.IsCompletedSuccessfully)
                    {
                        observer.OnNext(done.Result);
                        observer.OnCompleted();
                    }
                    else
                    {
                        observer.OnError(done.IsCanceled ? new TaskCanceledException(done) : done.Exception!.GetBaseException());
                    }
                }),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return subscribed;
        });
    }

    /// <summary>Rx's <c>Observable.FromAsync</c> (a subscription starts the work, its disposal cancels the token), notified as a hand-off.</summary>
    public IObservable<T> FromAsync<T>(Func<CancellationToken, Task<T>> start)
    {
        if (_post is null)
        {
            return Observable.FromAsync(start);
        }

        return Observable.Create<T>(observer =>
        {
            var cancellation = new CancellationTokenSource();
            var subscription = Observe(start(cancellation.Token)).Subscribe(observer);
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                cancellation.Cancel();
                cancellation.Dispose();
            });
        });
    }

    /// <inheritdoc cref="FromAsync{T}(Func{CancellationToken, Task{T}})"/>
    public IObservable<System.Reactive.Unit> FromAsync(Func<CancellationToken, Task> start) =>
        _post is null
            ? Observable.FromAsync(start)
            : FromAsync(async cancellation =>
            {
                await start(cancellation).ConfigureAwait(false);
                return System.Reactive.Unit.Default;
            });

    /// <summary>Runs <paramref name="work"/> as a hand-off (on the thread pool by default): never in the caller.</summary>
    public void Post<TState>(Action<TState> work, TState state)
    {
        if (_post is not { } post)
        {
            System.Threading.ThreadPool.UnsafeQueueUserWorkItem(work, state, preferLocal: false);
            return;
        }

        post(() => work(state));
    }

    /// <summary>Continues the awaiting method as a hand-off (<see cref="Task.Yield"/> for the thread pool).</summary>
    public YieldAwaitable Yield() => new(_post);

    /// <summary>Starts work that may block its thread (a driver's cancel): a thread of its own, or the queue; a failure is dropped.</summary>
    public void StartDetached(Action work)
    {
        if (_post is not { } post)
        {
            BlockingWork.Start(work);
            return;
        }

        post(() =>
        {
            try
            {
                work();
            }
#pragma warning disable CA1031 // As on a thread of its own: a failure has nobody to report to.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }

    /// <summary>The awaitable of <see cref="Yield"/>.</summary>
    internal readonly struct YieldAwaitable(Action<Action>? post) : ICriticalNotifyCompletion
    {
        public bool IsCompleted => false;

        public YieldAwaitable GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation)
        {
            if (post is null)
            {
                System.Threading.ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
                return;
            }

            post(continuation);
        }
    }
}
