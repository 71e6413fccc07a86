using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Tests.Connections.Fakes;
using Npgsql;

namespace Aurora.Reactive.Tests.Client;

public sealed class AuroraClientExecuteTests
{
    [Fact]
    public async Task ExecuteAsync_HealthyWriter_EachCallOpensItsOwnConnectionAndClosesItWhenDone()
    {
        await using var harness = new ClientHarness();

        var first = await harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
        var afterFirst = harness.States[^1].Status;
        var second = await harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 2", ct));

        // Open per unit of work: the physical connection goes back to the driver's pool (which resets the session) after
        // each call; the fake driver has no pool, so each call shows as a physical connection of its own.
        Assert.Equal(("n1", "n1"), (first, second));
        Assert.Equal(LogicalConnectionStatus.Closed, afterFirst);
        Assert.Equal(2, harness.Factory.Created.Count);
        Assert.All(harness.Factory.Created, c => Assert.Equal(System.Data.ConnectionState.Closed, c.State));
        Assert.Equal(LogicalConnectionStatus.Closed, harness.States[^1].Status);
        Assert.Equal(0, harness.Client.CallsInFlight);
    }

    [Fact]
    public async Task ExecuteAsync_AfterAFailover_TheNextCallOpensItsOwnConnectionAndRunsOnTheNewWriter()
    {
        await using var harness = new ClientHarness();
        var runs = 0;
        await harness.Client.ExecuteAsync(async (c, ct) =>
        {
            if (++runs == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return await ClientHarness.HostOfAsync(c, null, "SELECT 1", ct);
        });

        var next = await harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 2", ct));

        // The fake handler knows no topology, so the new call's open goes through the endpoint and fails over again;
        // with the coordinator it opens on the writer the topology names (AuroraConnectionTopologyOpenTests).
        Assert.Equal("n2", next);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task DisposeAsync_AfterCalls_ClosesTheIdleConnections()
    {
        var harness = new ClientHarness();
        await harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));

        await harness.Client.DisposeAsync();

        Assert.All(harness.Factory.Created, c => Assert.True(c.IsDisposed));
        Assert.Equal(LogicalConnectionStatus.Closed, harness.States[^1].Status);
    }

    [Fact]
    public async Task ExecuteAsync_WriterDiesDuringTheUnit_RunsItAgainOnTheNewWriterAndReturnsOnlyThatResult()
    {
        await using var harness = new ClientHarness();
        var runs = 0;

        var host = await harness.Client.ExecuteAsync(async (c, ct) =>
        {
            if (++runs == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return await ClientHarness.HostOfAsync(c, null, "SELECT 1", ct);
        });

        Assert.Equal("n2", host);
        Assert.Equal(2, runs);
        Assert.Equal(
            [AuroraClientEventKind.FailoverStarted, AuroraClientEventKind.WriterFound, AuroraClientEventKind.UnitRerun, AuroraClientEventKind.FailoverFinished],
            harness.EventKinds);
        Assert.Contains(harness.States, s => s.Status == LogicalConnectionStatus.FailingOver);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorThatIsNotAFailover_ReachesTheCallerAsRaisedWithoutRerun()
    {
        await using var harness = new ClientHarness();
        var violation = FakeCluster.UniqueViolation();
        var runs = 0;

        var thrown = await Assert.ThrowsAsync<PostgresException>(() => harness.Client.ExecuteAsync(async (c, ct) =>
        {
            runs++;
            harness.Factory.Kill(FakeCluster.Node1, violation);
            return await ClientHarness.HostOfAsync(c, null, "INSERT 1", ct);
        }));

        Assert.Same(violation, thrown);
        Assert.Equal(1, runs);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_NoNodeTakesOverWithinTheFailoverTimeout_ThrowsFailoverFailedAtTheDeadline()
    {
        var options = AuroraClientOptions.Default with { FailoverTimeout = TimeSpan.FromSeconds(2), MaxAttempts = 1000 };
        await using var harness = new ClientHarness(options);
        harness.Handler.Target = null;
        harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1999));
        Assert.False(call.IsCompleted);
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<FailoverFailedException>(() => call);
        Assert.Contains("failover timeout of 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(AuroraClientEventKind.FailoverFailed, harness.EventKinds);
    }

    [Fact]
    public async Task ExecuteAsync_NewWriterAppearsAfterSomePauses_CompletesThere()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Target = null;
        harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());

        var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(250));
        Assert.False(call.IsCompleted);
        harness.Handler.Target = FakeCluster.Node2;
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(400));

        Assert.Equal("n2", await call);
        var finished = Assert.Single(harness.Events, e => e.Kind == AuroraClientEventKind.FailoverFinished);
        Assert.Equal(TimeSpan.FromMilliseconds(300), finished.Duration); // attempts at 0, 100 and 300 ms; the writer is back from 250 ms
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsDuringAPause_ThrowsOperationCanceledAndLeavesNoConnectionOpen()
    {
        await using var harness = new ClientHarness();
        harness.Handler.Target = null;
        harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        using var cancellation = new CancellationTokenSource();

        var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct), cancellation.Token);
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(50));
        VirtualTimeExtensions.Inline(cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, harness.Client.CallsInFlight);
        Assert.Equal(LogicalConnectionStatus.Closed, harness.States[^1].Status);
    }

    [Fact]
    public async Task DisposeAsync_DuringAFailover_EndsTheCallWithObjectDisposedAndClosesThePools()
    {
        var harness = new ClientHarness();
        harness.Handler.Target = null;
        harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
        var call = harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct));
        harness.Scheduler.AdvanceInline(TimeSpan.FromMilliseconds(50));
        var attemptsBefore = harness.Handler.Requests.Count;

        await harness.Client.DisposeAsync();
        harness.Scheduler.AdvanceInline(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
        Assert.True(harness.Factory.IsDisposed);
        Assert.Equal(attemptsBefore, harness.Handler.Requests.Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.Client.ExecuteAsync((c, ct) => Task.FromResult(1)));
    }

    [Fact]
    public async Task Events_SubscriberThatThrows_DoesNotBreakTheCallNorTheOtherSubscribers()
    {
        await using var harness = new ClientHarness();
        harness.Client.Events.Subscribe(_ => throw new InvalidOperationException("bad subscriber"));
        harness.Client.ConnectionStates.Subscribe(_ => throw new InvalidOperationException("bad subscriber"));
        var runs = 0;

        var host = await harness.Client.ExecuteAsync(async (c, ct) =>
        {
            if (++runs == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return await ClientHarness.HostOfAsync(c, null, "SELECT 1", ct);
        });

        Assert.Equal("n2", host);
        Assert.Contains(AuroraClientEventKind.FailoverFinished, harness.EventKinds);
    }

    [Fact]
    public async Task ExecuteAsync_ReaderWithoutKnownTopology_RunsOnTheWriter()
    {
        await using var harness = new ClientHarness();

        var host = await harness.Client.ExecuteAsync((c, ct) => ClientHarness.HostOfAsync(c, null, "SELECT 1", ct), ExecuteTarget.Reader);

        Assert.Equal("n1", host);
    }

    [Fact]
    public async Task ExecuteAsync_UndefinedTarget_ThrowsNamingTheValue()
    {
        await using var harness = new ClientHarness();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.ExecuteAsync((c, ct) => Task.FromResult(1), (ExecuteTarget)7));

        Assert.Contains("target is 7", error.Message, StringComparison.Ordinal);
    }
}
