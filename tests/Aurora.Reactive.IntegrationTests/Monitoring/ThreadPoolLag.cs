using System.Diagnostics;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// Measures, while it lives, how long a work item queued to the thread pool waits before it runs (every 50 ms). A probe
/// or a background close waits in that queue too, so a slow one next to a large lag was starved, not slow on the server.
/// </summary>
internal sealed class ThreadPoolLag : IDisposable
{
    private readonly Timer _timer;
    private long _maxTicks;
    private int _samples;

    public ThreadPoolLag() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    public TimeSpan Max => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxTicks));

    public override string ToString() =>
        $"thread pool lag max {Max.TotalMilliseconds:0} ms over {Volatile.Read(ref _samples)} samples; pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued";

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var queuedAt = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(
            _ =>
            {
                var waited = Stopwatch.GetTimestamp() - queuedAt;
                Interlocked.Increment(ref _samples);
                long seen;
                while (waited > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, waited, seen) != seen)
                {
                }
            },
            null);
    }
}
