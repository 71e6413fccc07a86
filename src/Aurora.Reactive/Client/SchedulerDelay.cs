using System.Reactive.Concurrency;

namespace Aurora.Reactive.Client;

/// <summary>A delay on an <see cref="IScheduler"/>, so that virtual time drives it in tests.</summary>
internal static class SchedulerDelay
{
    /// <summary>Completes after <paramref name="delay"/> of scheduler time; cancelled by <paramref name="cancellationToken"/>.</summary>
    /// <remarks>Continuations run on the scheduler's thread (in tests: inside <c>AdvanceBy</c>).</remarks>
    public static Task Delay(IScheduler scheduler, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource();
        var timer = scheduler.Schedule(delay, () => completion.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                timer.Dispose();
                completion.TrySetCanceled(cancellationToken);
            });
            _ = completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return completion.Task;
    }
}
