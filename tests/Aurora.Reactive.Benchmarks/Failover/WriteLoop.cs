using System.Diagnostics;
using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// An application's write loop around one client: write, pause, write again; after a failure, wait a
/// little and retry. After <see cref="FailoverSuccessException"/> it retries at once: the connection is
/// already on the new writer, and re-running the unit of work straight away is what that exception asks of
/// the caller (an <see cref="Aurora.Reactive.Client.AuroraClient"/> does the same inside). It records when writes succeed and on which node, so the suite can ask for the first
/// success after a fault on a node other than the failed writer. A client with several workers runs one such loop
/// per worker, all at once; a fault is over for it when every worker has written on another node.
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

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, client.Workers).Select(worker => Task.Run(() => RunWorkerAsync(worker, stop), CancellationToken.None)));

    private async Task RunWorkerAsync(int worker, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var instance = await client.WriteAsync(stop);
                Succeeded(worker, Stopwatch.GetTimestamp(), instance);
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

                if (error is FailoverSuccessException)
                {
                    continue;
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

    /// <summary>
    /// Completes with the timestamp by which every worker has written, after <paramref name="after"/>, on a node other than
    /// <paramref name="excludedInstance"/> (with one worker: its first such write).
    /// </summary>
    public Task<long> FirstSuccessAsync(long after, string? excludedInstance)
    {
        var watch = new Watch(after, excludedInstance, client.Workers);
        lock (_gate)
        {
            _watches.Add(watch);
        }

        return watch.Completion.Task;
    }

    private void Succeeded(int worker, long timestamp, string instance)
    {
        lock (_gate)
        {
            _successes.Add(timestamp);
            _watches.RemoveAll(w => w.TryComplete(worker, timestamp, instance));
        }
    }

    private sealed class Watch(long after, string? excludedInstance, int workers)
    {
        private readonly HashSet<int> _written = [];

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryComplete(int worker, long timestamp, string instance)
        {
            if (timestamp <= after || instance == excludedInstance)
            {
                return false;
            }

            _written.Add(worker);
            if (_written.Count < workers)
            {
                return false;
            }

            Completion.TrySetResult(timestamp);
            return true;
        }
    }
}
