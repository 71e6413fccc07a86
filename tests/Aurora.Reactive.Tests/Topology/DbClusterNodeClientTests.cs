using System.Data.Common;
using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class DbClusterNodeClientTests
{
    [Fact]
    public async Task Identify_OpenerNeverReturns_TimesOutOnTheSchedulerAndCancelsTheOpen()
    {
        var scheduler = new HistoricalScheduler(MonitorHarness.Start);
        var cancelled = new TaskCompletionSource();
        Task<DbConnection> NeverOpens(HostSpec host, CancellationToken ct)
        {
            ct.Register(() => cancelled.TrySetResult());
            return new TaskCompletionSource<DbConnection>().Task;
        }

        var client = new DbClusterNodeClient(NeverOpens, AuroraPostgresDialect.Instance, id => new HostSpec(id, 5432), scheduler, TimeSpan.FromSeconds(2));
        Exception? error = null;
        using var _ = client.Identify(new HostSpec("frozen.test", 5432)).Subscribe(_ => { }, ex => error = ex);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Null(error);
        scheduler.AdvanceBy(TimeSpan.FromTicks(1));

        Assert.IsType<TimeoutException>(error);
        Assert.Contains("frozen.test:5432", error.Message, StringComparison.Ordinal);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the cancel runs on a pool work item, not inline
    }

    [Fact]
    public async Task Identify_DriverCancelBlocksLikeNpgsqlOnAFrozenNode_TimeoutStillDeliveredAtOnce()
    {
        var scheduler = new HistoricalScheduler(MonitorHarness.Start);
        using var releaseCancel = new ManualResetEventSlim();
        var cancelReturned = new TaskCompletionSource<bool>();
        Task<DbConnection> OpensThenHangsWithBlockingCancel(HostSpec host, CancellationToken ct)
        {
            // Released only after the timeout was seen: a cancel run inline by the timeout would wait here in vain.
            ct.Register(() => cancelReturned.TrySetResult(releaseCancel.Wait(TimeSpan.FromSeconds(10))));
            return new TaskCompletionSource<DbConnection>().Task;
        }

        var client = new DbClusterNodeClient(OpensThenHangsWithBlockingCancel, AuroraPostgresDialect.Instance, id => new HostSpec(id, 5432), scheduler, TimeSpan.FromSeconds(2));
        Exception? error = null;
        using var _ = client.Identify(new HostSpec("frozen.test", 5432)).Subscribe(_ => { }, ex => error = ex);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(2));

        Assert.IsType<TimeoutException>(error);
        releaseCancel.Set();
        Assert.True(await cancelReturned.Task.WaitAsync(TimeSpan.FromSeconds(30)), "the cancel was run inline and blocked the timeout");
    }

    [Fact]
    public void SupportsTopologyQuery_FollowsTheDialect()
    {
        static Task<DbConnection> Open(HostSpec h, CancellationToken ct) => throw new InvalidOperationException();

        Assert.True(new DbClusterNodeClient(Open, AuroraMySqlDialect.Instance, id => new HostSpec(id, 1), Scheduler.Default, TimeSpan.FromSeconds(1)).SupportsTopologyQuery);
        Assert.False(new DbClusterNodeClient(Open, PostgresReplicationDialect.Instance, id => new HostSpec(id, 1), Scheduler.Default, TimeSpan.FromSeconds(1)).SupportsTopologyQuery);
    }

    [Fact]
    public void Constructor_ZeroTimeout_ThrowsNamingIt()
    {
        static Task<DbConnection> Open(HostSpec h, CancellationToken ct) => throw new InvalidOperationException();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DbClusterNodeClient(Open, AuroraPostgresDialect.Instance, id => new HostSpec(id, 1), Scheduler.Default, TimeSpan.Zero));

        Assert.Equal("operationTimeout", error.ParamName);
    }
}
