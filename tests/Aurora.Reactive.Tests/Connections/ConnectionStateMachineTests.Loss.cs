using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

/// <summary>Loss reports on the machine (<c>ConnectionStateMachine.Loss.cs</c>): marking, racing statements, releasing.</summary>
public sealed partial class ConnectionStateMachineTests
{
    [Fact]
    public void MarkLost_OnTheWatchedNode_MarksOnceAndCancelsNothingItself()
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        var first = new TimeoutException("first");

        var statement = new TaskCompletionSource<int>();
        var race = machine.RaceLoss(statement.Task);

        Assert.False(machine.MarkLost(Node2, first, SameHost, out _));
        var marked = machine.MarkLost(Node1, first, SameHost, out _);
        var again = machine.MarkLost(Node1, new TimeoutException("second"), SameHost, out _);

        Assert.True(marked);
        Assert.False(race.IsCompleted);
        Assert.False(again);
        Assert.True(machine.HasPendingLoss);
        Assert.Same(first, machine.PendingLoss());
        Assert.Same(first, machine.LossReason());
        Assert.Equal(LogicalConnectionStatus.Open, machine.Status);
    }

    [Fact]
    public void MarkLost_NotWatchingLoss_IsIgnored()
    {
        var connection = new AuroraConnection(new FakeDriver());
        var machine = new ConnectionStateMachine(connection);
        machine.BeginOpen(new LogicalConnectionState(LogicalConnectionStatus.Opening, Node1));
        machine.Install(Physical(Node1), Node1, watchLoss: false);
        machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node1));

        Assert.False(machine.MarkLost(Node1, new TimeoutException(), SameHost, out _));
        machine.DeferLoss(new TimeoutException());

        Assert.False(machine.IsLossWatched);
        Assert.False(machine.HasPendingLoss);
    }

    [Fact]
    public void Install_AfterAMarkedLoss_WatchesTheNewNodeAfresh()
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        machine.DeferLoss(new TimeoutException("from a dispose"));
        Assert.True(machine.HasPendingLoss);
        machine.Lose(Node1, new TimeoutException(), failover: true);
        machine.BeginFailover(Node1);

        machine.Install(Physical(Node2), Node2, watchLoss: true);

        Assert.True(machine.IsLossWatched);
        Assert.False(machine.HasPendingLoss);
        Assert.Same(Node2, machine.Host);
        Assert.Equal(LogicalConnectionStatus.FailingOver, machine.Status);
    }

    [Fact]
    public async Task RaceLoss_StatementCompletesFirst_NotLost_AndAStatementOfAnotherConnectionOfTheDataSourceReusesTheRace()
    {
        await using var cluster = new FakeCluster(withHandler: false);
        await OffTheTestContext(() => RaceAndReuse(cluster));
    }

    private static void RaceAndReuse(FakeCluster cluster)
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, cluster.DataSource.CreateConnection());
        var other = MachineIn(LogicalConnectionStatus.Open, cluster.DataSource.CreateConnection());
        var first = new TaskCompletionSource<int>();
        var firstRace = machine.RaceLoss(first.Task);
        Assert.False(firstRace.IsCompleted);

        first.SetResult(1);

        Assert.False(Outcome(firstRace));
        var second = new TaskCompletionSource<int>();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var secondRace = other.RaceLoss(second.Task);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        Assert.False(secondRace.IsCompleted);
        Assert.True(other.MarkLost(Node1, new TimeoutException("gone"), SameHost, out var arm));
        machine.ReleaseLost(arm); // the first connection's arm is its own: the race now serves the other one
        Assert.False(secondRace.IsCompleted);
        other.ReleaseLost(arm);
        Assert.True(Outcome(secondRace));
    }

    [Fact]
    public Task RaceStatement_StatementCompletesFirst_CompletesWithItsResultAfterTheStep() => OffTheTestContext(() =>
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        var statement = new TaskCompletionSource<int>();
        var step = new RecordingStep();

        var outcome = machine.RaceStatement(statement.Task, step, DateTimeOffset.UnixEpoch, CancellationToken.None);
        Assert.False(outcome.IsCompleted);
        statement.SetResult(7);

        Assert.True(outcome.IsCompletedSuccessfully);
        Assert.Equal(7, outcome.Result);
        Assert.Equal(new[] { "completed" }, step.Calls);
    });

    [Fact]
    public Task RaceStatement_LossMarkedAlready_ReleasesTheStatementAtOnce() => OffTheTestContext(() =>
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        Assert.True(machine.MarkLost(Node1, new TimeoutException("gone"), SameHost, out _));
        var statement = new TaskCompletionSource<int>();
        var step = new RecordingStep();

        var outcome = machine.RaceStatement(statement.Task, step, DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal("released", step.Calls.First());
        Assert.Same(statement.Task, step.ReleasedRunning);
        Assert.DoesNotContain("completed", step.Calls);
        statement.SetResult(1); // completes into the released race late: the step hears nothing more of it
        Assert.DoesNotContain("completed", step.Calls);
        _ = outcome.Exception; // the failover path of a connection that is not open: its error is not this test's
    });

    [Fact]
    public Task ReleaseLost_ReleasesEveryStatementOfTheArm_ALateCompletionChangesNothing() => OffTheTestContext(() =>
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        var first = new TaskCompletionSource<int>();
        var second = new TaskCompletionSource<int>();
        var firstRace = machine.RaceLoss(first.Task);
        var secondRace = machine.RaceLoss(second.Task);
        Assert.True(machine.MarkLost(Node1, new TimeoutException("gone"), SameHost, out var arm));

        machine.ReleaseLost(arm);

            Assert.True(Outcome(firstRace));
        Assert.True(Outcome(secondRace));
        Assert.True(Outcome(machine.RaceLoss(new TaskCompletionSource<int>().Task))); // a loss is marked: lost at once
        machine.Lose(Node1, new TimeoutException("gone"), failover: true);
        machine.BeginFailover(Node1);
        machine.Install(Physical(Node2), Node2, watchLoss: true);
        var next = new TaskCompletionSource<int>();
        var nextRace = machine.RaceLoss(next.Task);
        first.SetResult(1); // the released statements end late, into their races, not the new statement's
        second.SetResult(2);
        Assert.False(nextRace.IsCompleted);
        next.SetResult(3);
        Assert.False(Outcome(nextRace));
    });

    [Fact]
    public Task ReleaseLost_AfterAReopen_LeavesTheLaterUnitsStatementAlone() => OffTheTestContext(() =>
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        Assert.True(machine.MarkLost(Node1, new TimeoutException("gone"), SameHost, out var arm));
        machine.Close();
        machine.BeginOpen(new LogicalConnectionState(LogicalConnectionStatus.Opening, Node1));
        machine.Install(Physical(Node1), Node1, watchLoss: true);
        machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node1));
        var statement = new TaskCompletionSource<int>();
        var race = machine.RaceLoss(statement.Task);

        machine.ReleaseLost(arm);

        Assert.False(race.IsCompleted);
        Assert.False(machine.HasPendingLoss);
        statement.SetResult(1);
        Assert.False(Outcome(race));
    });
}
