using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Monitoring;
using Npgsql;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>
/// Disposing a monitor closes its monitoring connection in the dispose itself, not on the thread pool: with every
/// thread of the pool busy and work queued behind them, the server sees the session go within its own latency. In the
/// one-at-a-time collection: it holds the pool's threads, which would stall the probes of tests running beside it.
/// </summary>
[Collection(MonitoredDataSource.TimingCollection)]
public sealed class MonitorDisposalTests(ITestOutputHelper output) : SingleNodeClusterTest
{
    [Fact]
    public async Task Dispose_ThreadPoolBusy_TheIdleMonitoringConnectionIsGoneWithinTheServersLatency()
    {
        var node = Cluster.Writer;
        var monitor = new HostMonitor(
            MonitoringNode.Host(node), FailureDetectionSettings.FromMilliseconds(0, 1000, 1), HostProbers.Create(ProbeMethod.SelectOne, MonitoringNode.DirectOpener(node)), DefaultScheduler.Instance);
        var probe = monitor.Probes.FirstAsync().ToTask();
        using (monitor.WatchCommand().Subscribe())
        {
            Assert.Equal(ProbeOutcome.Answered, (await probe.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
        }

        // Counted over a connection of its own with synchronous calls, which need no thread of the pool.
        using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ServerConnectionString) { Pooling = false }.ConnectionString);
        check.Open();
        Assert.Equal(1, Count(check));

        using var release = new ManualResetEventSlim();
        var running = 0;
        var ended = 0;
        var threads = ThreadPool.ThreadCount;
        var blockers = threads + 32;
        try
        {
            for (var i = 0; i < blockers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    Interlocked.Increment(ref running);
                    release.Wait();
                    Interlocked.Increment(ref ended);
                }, null);
            }

            // Some of the pool's threads may be held elsewhere; what matters is that work waits in the queue, where a close
            // handed to the pool would wait behind it.
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) > 0, TimeSpan.FromSeconds(10)), "the pool took the blocking work");
            Assert.True(ThreadPool.PendingWorkItemCount > 0, "work is queued behind the busy threads");

            var clock = Stopwatch.StartNew();
            monitor.Dispose();
            long count;
            while ((count = Count(check)) != 0 && clock.Elapsed < Connections.ServerSessions.ServerLatency)
            {
            }

            output.WriteLine($"monitoring connection counted {count} {clock.ElapsedMilliseconds} ms after the dispose, {Volatile.Read(ref running)} pool threads busy, {ThreadPool.PendingWorkItemCount} work items queued");
            Assert.Equal(0, count);
        }
        finally
        {
            release.Set();
            SpinWait.SpinUntil(() => Volatile.Read(ref ended) == blockers, TimeSpan.FromSeconds(30)); // before the event is disposed
        }
    }

    private static long Count(NpgsqlConnection check)
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", check);
        command.Parameters.AddWithValue("name", MonitoringNode.ApplicationName);
        return (long)command.ExecuteScalar()!;
    }
}
