using Aurora.Reactive.Client;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Client;

public sealed class AuroraClientCommitTests
{
    private int _runs;

    /// <summary>A unit that records the node it ran on, and on its first run kills that node so that the COMMIT fails.</summary>
    private Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CancellationToken, Task<string>> UnitKillingNodeBeforeCommit(ClientHarness harness) =>
        async (c, tx, ct) =>
        {
            var host = await ClientHarness.HostOfAsync(c, tx, "INSERT INTO t VALUES (1)", ct);
            if (Interlocked.Increment(ref _runs) == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return host + "#" + _runs;
        };

    [Fact]
    public async Task ExecuteInTransactionAsync_CommitInFlightAndNewWriterSaysCommitted_ReturnsTheFirstResultWithoutRunningAgain()
    {
        await using var harness = new ClientHarness();
        harness.Resolver!.Answer(CommitOutcome.Committed);

        var result = await harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness));

        Assert.Equal("n1#1", result);
        Assert.Equal(1, _runs);
        var (askedHost, marker) = Assert.Single(harness.Resolver.Asked);
        Assert.Equal("n2", askedHost.Host);
        Assert.Same(harness.Resolver.Marked[0], marker);
        Assert.Contains(AuroraClientEventKind.CommitOutcomeResolved, harness.EventKinds);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_CommitInFlightAndNewWriterSaysNotCommitted_RunsTheUnitAgainThere()
    {
        await using var harness = new ClientHarness();
        harness.Resolver!.Answer(CommitOutcome.NotCommitted);

        var result = await harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness));

        Assert.Equal("n2#2", result);
        Assert.Equal(2, harness.Resolver.Marked.Count);
        Assert.Single(harness.Resolver.Asked);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_CommitInFlightAndOutcomeUnknown_ThrowsTransactionResolutionUnknownWithoutRunningAgain()
    {
        await using var harness = new ClientHarness();
        harness.Resolver!.Answer(CommitOutcome.Unknown);

        var error = await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness)));

        Assert.Equal(1, _runs);
        Assert.Equal("n1", error.OldHost!.Host);
        Assert.Equal("n2", error.NewHost!.Host);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_StillInProgressOnTheSameWriter_EndsTheOldSessionOnceAndAsksAgainUntilItResolves()
    {
        await using var harness = new ClientHarness();
        harness.Resolver!.Answer(CommitOutcome.InProgress, CommitOutcome.InProgress, CommitOutcome.Committed);

        var call = harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness));
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(199));
        Assert.False(call.IsCompleted);
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1));

        Assert.Equal("n1#1", await call);
        Assert.Equal(1, harness.Resolver.SessionsEnded);
        Assert.Equal(3, harness.Resolver.Asked.Count);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_StillInProgressAfterFiveSeconds_ThrowsTransactionResolutionUnknown()
    {
        await using var harness = new ClientHarness();
        harness.Resolver!.Answer(Enumerable.Repeat(CommitOutcome.InProgress, 1000).ToArray());

        var call = harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness));
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(4999));
        Assert.False(call.IsCompleted);
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => call);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_FailureBeforeCommit_RunsAgainWithoutAskingTheNewWriter()
    {
        await using var harness = new ClientHarness();
        var runs = 0;

        var result = await harness.Client.ExecuteInTransactionAsync(async (c, tx, ct) =>
        {
            if (++runs == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return await ClientHarness.HostOfAsync(c, tx, "INSERT INTO t VALUES (1)", ct);
        });

        Assert.Equal("n2", result);
        Assert.Equal(2, runs);
        Assert.Empty(harness.Resolver!.Asked);
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_CommitInFlightWithoutAResolver_ThrowsTransactionResolutionUnknown()
    {
        await using var harness = new ClientHarness(withResolver: false);

        await Assert.ThrowsAsync<TransactionResolutionUnknownException>(() => harness.Client.ExecuteInTransactionAsync(UnitKillingNodeBeforeCommit(harness)));

        Assert.Equal(1, _runs);
    }
}
