using System.Diagnostics;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// An application's write loop around one client: write, pause, write again; after a failure, wait a
/// little and retry. It records when writes succeed and on which node, so the suite can ask for the first
/// success after a fault on a node other than the failed writer.
/// </summary>
public sealed class WriteLoop(IWriteClient client, TimeSpan pause, TimeSpan retryDelay)
{
    private readonly object _gate = new();
    private readonly List<Watch> _watches = [];
    private readonly HashSet<string> _errorsSeen = [];
    private readonly List<long> _successes = [];
    private long _failures;

    public IWriteClient Client => client;

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The <see cref="Stopwatch"/> timestamp of every successful write so far, in order, for the timeline picture.</summary>
    public IReadOnlyList<long> Successes
    {
        get
        {
            lock (_gate)
            {
                return [.. _successes];
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var instance = await client.WriteAsync(stop);
                Succeeded(Stopwatch.GetTimestamp(), instance);
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // An application's retry loop retries whatever the driver throws.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _failures);
                lock (_gate)
                {
                    _errorsSeen.Add(error.GetType().Name);
                }

                try
                {
                    await Task.Delay(retryDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The distinct error types seen since the last call, for the progress log.</summary>
    public string TakeErrorsSeen()
    {
        lock (_gate)
        {
            var seen = string.Join("/", _errorsSeen);
            _errorsSeen.Clear();
            return seen;
        }
    }

    /// <summary>Completes with the timestamp of the first write that succeeds after <paramref name="after"/> on a node other than <paramref name="excludedInstance"/>.</summary>
    public Task<long> FirstSuccessAsync(long after, string? excludedInstance)
    {
        var watch = new Watch(after, excludedInstance);
        lock (_gate)
        {
            _watches.Add(watch);
        }

        return watch.Completion.Task;
    }

    private void Succeeded(long timestamp, string instance)
    {
        lock (_gate)
        {
            _successes.Add(timestamp);
            _watches.RemoveAll(w => w.TryComplete(timestamp, instance));
        }
    }

    private sealed class Watch(long after, string? excludedInstance)
    {
        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryComplete(long timestamp, string instance)
        {
            if (timestamp <= after || instance == excludedInstance)
            {
                return false;
            }

            Completion.TrySetResult(timestamp);
            return true;
        }
    }
}
