using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Tests.Connections.Fakes;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Connections;

/// <summary>
/// A statement that does not complete at once is watched behind one timer: the failure monitor's watch starts only once
/// the statement has run for the stall threshold (0.5 s), from its real start time. 2000/1000/2, so a statement started
/// at 0 on a frozen node is declared dead at exactly 4 s.
/// </summary>
public sealed class CommandWatchTests
{
    private static readonly FailureDetectionSettings Detection = FailureDetectionSettings.FromMilliseconds(2000, 1000, 2, 10_000);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StatementShorterThanTheStallThreshold_OneTimerAndNoMonitor()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new AuroraCommand("SELECT 1", connection);
        var scheduledBefore = monitored.Clock.Scheduled;

        var running = command.ExecuteScalarAsync();
        Assert.False(running.IsCompleted);
        Assert.Equal(scheduledBefore + 1, monitored.Clock.Scheduled);
        monitored.AdvanceTo(0.499);
        monitored.Cluster.Factory.Thaw(FakeCluster.Node1);
        Assert.Equal("n1", await running.WaitAsync(Safety));
        monitored.AdvanceTo(60);

        Assert.Empty(monitored.Registry.Monitors);
        Assert.Empty(monitored.Probers);
    }

    [Fact]
    public async Task StatementPastTheStallThreshold_MonitorWatchesFromItsStart_ReleasedAtTheUsualTime()
    {
        await using var monitored = new MonitoredCluster(Detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteNonQueryAsync();
        monitored.AdvanceTo(0.499);
        Assert.Empty(monitored.Registry.Monitors);
        monitored.AdvanceTo(0.5);
        Assert.Equal(1, Assert.Single(monitored.Registry.Monitors).UserCount);
        monitored.AdvanceTo(3.999);
        Assert.False(running.IsCompleted);
        monitored.AdvanceTo(4);

        var error = await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));
        Assert.Equal(MonitoredCluster.At(0), error.Verdict.CommandStartedAt);
        Assert.Equal(MonitoredCluster.At(4), error.Verdict.DeclaredAt);
    }

    [Fact]
    public async Task DetectionTooShortToDefer_MonitorWatchesAtOnce()
    {
        // The prober warms up one probe timeout (0.5 s) before the window at 1 s: too soon to wait for the threshold first.
        var detection = FailureDetectionSettings.FromMilliseconds(1000, 500, 2, 10_000);
        await using var monitored = new MonitoredCluster(detection, withFailover: false, SimulatedAnswer.Never);
        await using var connection = await monitored.DataSource.OpenConnectionAsync();
        monitored.Cluster.Factory.Freeze(FakeCluster.Node1);
        await using var command = new AuroraCommand("SELECT pg_sleep(60)", connection);

        var running = command.ExecuteNonQueryAsync();

        Assert.Equal(1, Assert.Single(monitored.Registry.Monitors).UserCount);
        monitored.AdvanceTo(detection.DeadAfterFrozen.TotalSeconds);
        var error = await Assert.ThrowsAsync<HostUnavailableException>(() => running.WaitAsync(Safety));
        Assert.Equal(MonitoredCluster.At(0) + detection.DeadAfterFrozen, error.Verdict.DeclaredAt);
    }

    [Fact]
    public async Task WriterStatement_StallReportedOnceAtTheThreshold_NotWhenItEndedBefore()
    {
        await using var bench = await ClockBench.StartAsync();

        using var slow = bench.Start(First);
        var fast = bench.Start(First);
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(499));
        fast!.Dispose();
        Assert.Empty(bench.Stalls.Reported);
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1));
        bench.Scheduler.AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Equal([(First, 0.5)], bench.Stalls.Reports);
        Assert.Equal(1, bench.Scheduler.Scheduled); // one tick for both statements
    }

    [Fact]
    public async Task StatementsStartedApart_EachReportedAtItsOwnThreshold_OneTickAtATime()
    {
        await using var bench = await ClockBench.StartAsync();

        using var a = bench.Start(First);
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(200));
        using var b = bench.Start(Second);
        var c = bench.Start(Third);
        Assert.Equal(1, bench.Scheduler.Scheduled);
        c!.Dispose();
        bench.Scheduler.AdvanceBy(TimeSpan.FromSeconds(60));
        using var d = bench.Start(First);
        bench.Scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.Equal([(First, 0.5), (Second, 0.7), (First, 60.7)], bench.Stalls.Reports);
        Assert.Equal(3, bench.Scheduler.Scheduled); // at 0 for 0.5, at 0.5 for 0.7, at 60.2 for 60.7
    }

    [Fact]
    public async Task ReusedWatch_TheEndedUsesEntryDoesNothing_TheNextUseIsDueAtItsOwnTime()
    {
        await using var bench = await ClockBench.StartAsync();
        var watch = new CommandWatch();

        Assert.Same(watch, bench.Start(First, watch));
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(100));
        watch.End();
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(100));
        bench.Start(Second, watch);
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(400));
        Assert.Empty(bench.Stalls.Reported);
        bench.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(100));
        watch.End();
        watch.End();
        bench.Scheduler.AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Equal([(Second, 0.7)], bench.Stalls.Reports);
    }

    [Fact]
    public async Task ClockDisposed_QueuedWatchesAreNeverDue()
    {
        await using var bench = await ClockBench.StartAsync();

        using var watch = bench.Start(First);
        bench.Clock.Dispose();
        using var later = bench.Start(First);
        bench.Scheduler.AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Empty(bench.Stalls.Reported);
        Assert.Equal(1, bench.Scheduler.Scheduled);
    }

    private static readonly HostSpec First = new("n1", 5432, "instance-1", HostRole.Writer);
    private static readonly HostSpec Second = new("n2", 5432, "instance-2", HostRole.Writer);
    private static readonly HostSpec Third = new("n3", 5432, "instance-3", HostRole.Writer);

    /// <summary>Command watches on a stall clock of their own, on a counting scheduler, reporting stalls to a counter.</summary>
    private sealed class ClockBench : IAsyncDisposable
    {
        private readonly FakeCluster _cluster;
        private readonly AuroraConnection _connection;

        private ClockBench(FakeCluster cluster, AuroraConnection connection)
        {
            (_cluster, _connection) = (cluster, connection);
            Clock = new StallClock(Scheduler, CommandWatch.Deferral);
            Stalls = new StallCounter(Scheduler);
        }

        public CountingScheduler Scheduler { get; } = new(MonitoredCluster.Origin);

        public StallClock Clock { get; }

        public StallCounter Stalls { get; }

        public static async Task<ClockBench> StartAsync()
        {
            var cluster = new FakeCluster(withHandler: false);
            return new ClockBench(cluster, await cluster.DataSource.OpenConnectionAsync());
        }

        public IDisposable? Start(HostSpec host, CommandWatch? into = null) =>
            CommandWatch.Start(into, _connection, host, Scheduler.Now, Clock, Stalls, detection: null);

        public async ValueTask DisposeAsync()
        {
            Clock.Dispose();
            await _connection.DisposeAsync();
            await _cluster.DisposeAsync();
        }
    }

    private sealed class StallCounter(CountingScheduler? clock = null) : ITopologyAwareOpener
    {
        public List<HostSpec> Reported { get; } = [];

        public List<double> At { get; } = [];

        public IEnumerable<(HostSpec Host, double At)> Reports => Reported.Zip(At);

        public IObservable<HostSpec> FormerWriters => System.Reactive.Linq.Observable.Never<HostSpec>();

        public ValueTask<TopologyOpenResult> OpenAsync(TopologyOpenRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public IDisposable WatchStatement(HostSpec host) => throw new NotSupportedException();

        public IDisposable FollowHealth(IObservable<HostHealth> health) => System.Reactive.Disposables.Disposable.Empty;

        public bool IsDead(HostSpec host) => false;

        public void ReportStall(HostSpec host)
        {
            Reported.Add(host);
            At.Add(clock is null ? 0 : (clock.Now - MonitoredCluster.Origin).TotalSeconds);
        }
    }
}
