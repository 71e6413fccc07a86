using System.Reactive.Concurrency;
using System.Runtime.ExceptionServices;
using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Client;

/// <summary>
/// Runs one call's attempts until one succeeds, an error is not a failover, the re-run budget
/// (<see cref="AuroraClientOptions.MaxAttempts"/>) is spent, or <see cref="AuroraClientOptions.FailoverTimeout"/>
/// has passed since the first interruption. Every pause and every time reading goes through the scheduler.
/// </summary>
internal sealed class RerunLoop
{
    private readonly IScheduler _scheduler;
    private readonly AuroraClientOptions _options;

    public RerunLoop(IScheduler scheduler, AuroraClientOptions options)
    {
        _scheduler = scheduler;
        _options = options;
    }

    /// <summary>Runs <paramref name="attempt"/> (given the 1-based attempt number) until it succeeds or the loop gives up.</summary>
    /// <exception cref="FailoverFailedException">The budget or the timeout ran out while the unit kept being interrupted.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<T> RunAsync<T>(
        Func<int, CancellationToken, Task<T>> attempt,
        Func<Exception, RerunVerdict> classify,
        IRerunListener? listener,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? firstInterruption = null;
        var pause = _options.RetryDelay;
        for (var number = 1; ; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception error;
            try
            {
                var result = await attempt(number, cancellationToken).ConfigureAwait(false);
                if (firstInterruption is { } since)
                {
                    listener?.Recovered(number, _scheduler.Now - since);
                }

                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception caught)
            {
                error = caught;
            }

            var verdict = classify(error);
            listener?.Interrupted(number, error, verdict);
            if (verdict == RerunVerdict.Fail)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            var now = _scheduler.Now;
            firstInterruption ??= now;
            var deadline = firstInterruption.Value + _options.FailoverTimeout;
            if (number >= _options.MaxAttempts)
            {
                throw GiveUp(listener, number, error, $"the unit was interrupted {number} times, its re-run budget of {_options.MaxAttempts} attempts");
            }

            if (now >= deadline)
            {
                throw GiveUp(listener, number, error, $"no node completed the unit within the failover timeout of {_options.FailoverTimeout.TotalSeconds:0.###} s");
            }

            if (verdict == RerunVerdict.RerunAfterPause)
            {
                var wait = pause < deadline - now ? pause : deadline - now;
                await SchedulerDelay.Delay(_scheduler, wait, cancellationToken).ConfigureAwait(false);
                pause = pause + pause < _options.MaxRetryDelay ? pause + pause : _options.MaxRetryDelay;
                if (_scheduler.Now >= deadline)
                {
                    throw GiveUp(listener, number, error, $"no node completed the unit within the failover timeout of {_options.FailoverTimeout.TotalSeconds:0.###} s");
                }
            }
        }
    }

    private static Exception GiveUp(IRerunListener? listener, int attempts, Exception last, string why)
    {
        var failure = last as FailoverException;
        var error = new FailoverFailedException(failure?.OldHost, last, why);
        listener?.GaveUp(attempts, error);
        return error;
    }
}
