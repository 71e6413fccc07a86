using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.LocalCluster;
using Xunit.Abstractions;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>A healthy node under aggressive settings: no false verdict, one monitoring connection.</summary>
public sealed class HealthyRunTests(ITestOutputHelper output) : SingleNodeClusterTest
{
    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task Probe_HealthyNode_Answers(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        // A 1 s probe timeout, the order of the seed's settings: a new PostgreSQL connection (a fork on the server) took
        // 240 ms once on this 2-core machine under the parallel tests, so a 200 ms bound measured the machine, not the prober.
        var node = Cluster.Writer;
        using var monitor = new HostMonitor(
            MonitoringNode.Host(node), FailureDetectionSettings.FromMilliseconds(0, 1000, 2), HostProbers.Create(method, MonitoringNode.Opener(node)), DefaultScheduler.Instance);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<ProbeResult>();
        using var log = monitor.Probes.Subscribe(seen.Enqueue);
        var probes = monitor.Probes.Take(3).ToList().ToTask();

        using (monitor.WatchCommand().Subscribe())
        {
            IList<ProbeResult> results;
            try
            {
                results = await probes.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                output.WriteLine($"after 30 s: {seen.Count} probes ({string.Join(", ", seen)}); thread pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued");
                throw;
            }

            output.WriteLine($"{method}: {string.Join(", ", results.Select(r => $"{r.Outcome} in {r.Latency.TotalMilliseconds:0.0} ms"))}");
            output.WriteLine($"process: {System.Diagnostics.Process.GetCurrentProcess().Threads.Count} threads, pool {ThreadPool.ThreadCount} ({ThreadPool.PendingWorkItemCount} queued), {Timer.ActiveCount} timers");
            Assert.All(results, r => Assert.Equal(ProbeOutcome.Answered, r.Outcome));
            Assert.Equal(HostHealthStatus.Healthy, monitor.CurrentHealth.Status);
        }
    }

    [Theory]
    [InlineData(ProbeMethod.SelectOne)]
    [InlineData(ProbeMethod.Connect)]
    public async Task HealthyRun15Seconds_AggressiveSettingsHundredCommands_NoFalseFailureOneMonitor(object methodValue)
    {
        var method = (ProbeMethod)methodValue;
        // A Connect probe is a new server session each time; on this 2-core machine, with other test classes starting
        // clusters beside it, one took 1006 ms (CI, 2026-12-01), which with a count of 1 is a verdict that measures the
        // machine. Connect keeps the 1 s interval with a count of 2; SelectOne (one kept connection, warmed up before
        // the window: max 3.1 ms in the same runs) keeps the count of 1. Not fixed at its cause: noted as open.
        var settings = FailureDetectionSettings.FromMilliseconds(6000, 1000, method == ProbeMethod.Connect ? 2 : 1);
        var node = Cluster.Writer;
        using var poolLag = new ThreadPoolLag();
        var probersCreated = 0;
        using var registry = new HostMonitorRegistry(
            (_, _) =>
            {
                Interlocked.Increment(ref probersCreated);
                return HostProbers.Create(method, MonitoringNode.DirectOpener(node));
            },
            DefaultScheduler.Instance);
        var probes = new List<ProbeResult>();
        var verdicts = new List<HostDeclaredDead>();
        using var probeLog = registry.Probes.Synchronize().Subscribe(p => { lock (probes) { probes.Add(p); } });
        var commands = Enumerable.Range(0, 100)
            .Select(_ => registry.WatchCommand(MonitoringNode.Host(node), settings).Subscribe(v => { lock (verdicts) { verdicts.Add(v); } }))
            .ToList();

        await Task.Delay(TimeSpan.FromSeconds(15));

        // Counted right after a probe ended, when no probe is in flight: SelectOne keeps its one connection, Connect has
        // closed the one it opened.
        var expectedDuringRun = method == ProbeMethod.SelectOne ? 1 : 0;
        await registry.Probes.FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(5));
        var (monitoringConnections, settledIn) = await SettleAsync(node, expectedDuringRun);
        commands.ForEach(c => c.Dispose());
        registry.Dispose();
        var (afterDispose, goneIn) = await SettleAsync(node, 0);
        output.WriteLine(
            $"monitoring connections {settledIn.TotalMilliseconds:0} ms after a probe: {monitoringConnections}; after dispose: {afterDispose}, "
            + $"{goneIn.TotalMilliseconds:0} ms after it (bound {ServerLatency.TotalMilliseconds:0} ms); {poolLag}");

        lock (probes)
        {
            var latencies = probes.Select(p => p.Latency.TotalMilliseconds).Order().ToList();
            output.WriteLine(
                $"{method}, {settings}, 100 commands for 15 s: {probes.Count} probes, {probes.Count(p => !p.Succeeded)} failed, "
                + $"latency median {latencies[latencies.Count / 2]:0.0} ms, max {latencies[^1]:0.0} ms; "
                + $"monitoring connections on the server during the run: {monitoringConnections}, after dispose: {afterDispose}");
            Assert.InRange(probes.Count, 8, 11); // windows open at 6 s, one probe a second until 15 s
            Assert.All(probes, p => Assert.Equal(ProbeOutcome.Answered, p.Outcome));
        }

        Assert.Empty(verdicts);
        Assert.Equal(1, probersCreated);
        Assert.Equal(expectedDuringRun, monitoringConnections); // SelectOne: one kept connection for 100 commands
        Assert.Equal(0, afterDispose);
    }

    // A closed session leaves pg_stat_activity when its backend has exited: the server's own latency, not the library's.
    private static readonly TimeSpan ServerLatency = Connections.ServerSessions.ServerLatency;

    /// <summary>The count once it is <paramref name="expected"/>, or the last one seen after <see cref="ServerLatency"/>; and how long that took.</summary>
    private static async Task<(long Count, TimeSpan After)> SettleAsync(LocalPostgresNode node, long expected)
    {
        // The dispose used to queue the close of the idle monitoring connection behind the thread pool, and the kit's
        // forwarder copies the close to the server on the pool too; when the pool was short of threads (this test measured
        // lags of up to a second beside the other classes' cluster start-ups) the session outlived the dispose by 1,001 ms
        // once. The close now runs in the dispose itself (MonitorDisposalTests), and this run opens straight to the server.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long count;
        while ((count = await MonitoringNode.CountMonitoringConnectionsAsync(node)) != expected && clock.Elapsed < ServerLatency)
        {
            await Task.Delay(10);
        }

        return (count, clock.Elapsed);
    }
}
