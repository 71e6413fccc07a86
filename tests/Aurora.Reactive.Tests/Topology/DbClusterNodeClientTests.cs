using System.Data.Common;
using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

public sealed class DbClusterNodeClientTests
{
    [Fact]
    public void Identify_OpenerNeverReturns_TimesOutOnTheSchedulerAndCancelsTheOpen()
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
        Assert.True(cancelled.Task.IsCompleted);
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
