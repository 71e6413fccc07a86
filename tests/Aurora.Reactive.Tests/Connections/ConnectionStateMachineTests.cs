using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Connections;

public sealed partial class ConnectionStateMachineTests
{
    private static readonly HostSpec Node1 = new("n1", 5432) { Role = HostRole.Writer };
    private static readonly HostSpec Node2 = new("n2", 5432) { Role = HostRole.Writer };

    /// <summary>The transitions, by name, as ConnectionStateMachine's doc comment draws them.</summary>
    public enum Transition
    {
        BeginOpen,
        Opened,
        LoseWithFailover,
        LoseWithoutFailover,
        BeginFailover,
        Fail,
        Close,
    }

    // (from, transition) → the status it reaches; every pair not listed is refused.
    private static readonly Dictionary<(LogicalConnectionStatus, Transition), LogicalConnectionStatus> Allowed = new()
    {
        [(LogicalConnectionStatus.Closed, Transition.BeginOpen)] = LogicalConnectionStatus.Opening,
        [(LogicalConnectionStatus.Opening, Transition.Opened)] = LogicalConnectionStatus.Open,
        [(LogicalConnectionStatus.Opening, Transition.LoseWithFailover)] = LogicalConnectionStatus.Broken,
        [(LogicalConnectionStatus.Opening, Transition.Close)] = LogicalConnectionStatus.Closed,
        [(LogicalConnectionStatus.Open, Transition.LoseWithFailover)] = LogicalConnectionStatus.Broken,
        [(LogicalConnectionStatus.Open, Transition.LoseWithoutFailover)] = LogicalConnectionStatus.Failed,
        [(LogicalConnectionStatus.Open, Transition.Close)] = LogicalConnectionStatus.Closed,
        [(LogicalConnectionStatus.Broken, Transition.BeginFailover)] = LogicalConnectionStatus.FailingOver,
        [(LogicalConnectionStatus.Broken, Transition.Close)] = LogicalConnectionStatus.Closed,
        [(LogicalConnectionStatus.FailingOver, Transition.Opened)] = LogicalConnectionStatus.Open,
        [(LogicalConnectionStatus.FailingOver, Transition.Fail)] = LogicalConnectionStatus.Failed,
        [(LogicalConnectionStatus.FailingOver, Transition.Close)] = LogicalConnectionStatus.Closed,
        [(LogicalConnectionStatus.Failed, Transition.Close)] = LogicalConnectionStatus.Closed,
    };

    public static TheoryData<string, Transition> AllowedPairs()
    {
        var data = new TheoryData<string, Transition>();
        foreach (var ((from, transition), _) in Allowed)
        {
            data.Add(from.ToString(), transition);
        }

        return data;
    }

    public static TheoryData<string, Transition> RefusedPairs()
    {
        var data = new TheoryData<string, Transition>();
        foreach (var from in Enum.GetValues<LogicalConnectionStatus>())
        {
            foreach (var transition in Enum.GetValues<Transition>())
            {
                // Closing a closed connection does nothing, as ADO.NET's Close does; it is neither a move nor an error.
                if (!Allowed.ContainsKey((from, transition)) && !(from == LogicalConnectionStatus.Closed && transition == Transition.Close))
                {
                    data.Add(from.ToString(), transition);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void AllowedTransition_ReachesItsStatusAndEmitsIt(string fromStatus, Transition transition)
    {
        var from = Enum.Parse<LogicalConnectionStatus>(fromStatus);
        var machine = MachineIn(from, out _);
        var states = new List<LogicalConnectionState>();
        using var subscription = machine.Changes.Subscribe(states.Add);

        Apply(machine, transition);

        var expected = Allowed[(from, transition)];
        Assert.Equal(expected, machine.Status);
        Assert.Equal(new[] { from, expected }, states.Select(state => state.Status));
        Assert.True(ConnectionStateMachine.Allows(from, expected));
    }

    [Theory]
    [MemberData(nameof(RefusedPairs))]
    public void RefusedTransition_ThrowsAndLeavesTheStateAsItWas(string fromStatus, Transition transition)
    {
        var from = Enum.Parse<LogicalConnectionStatus>(fromStatus);
        var machine = MachineIn(from, out _);
        var before = machine.State;
        var physical = machine.Physical;
        var host = machine.Host;
        var states = new List<LogicalConnectionState>();
        using var subscription = machine.Changes.Subscribe(states.Add);

        var error = Assert.Throws<InvalidOperationException>(() => Apply(machine, transition));

        Assert.Equal(ExpectedRefusal(from, transition), error.Message);
        Assert.Same(before, machine.State);
        Assert.Same(physical, machine.Physical);
        Assert.Same(host, machine.Host);
        Assert.Equal(new[] { before }, states);
    }

    [Fact]
    public void Allows_EveryPairOfStatuses_IsTheDrawnTable()
    {
        var reachable = Allowed.Select(pair => (pair.Key.Item1, pair.Value)).ToHashSet();
        foreach (var from in Enum.GetValues<LogicalConnectionStatus>())
        {
            foreach (var to in Enum.GetValues<LogicalConnectionStatus>())
            {
                Assert.Equal(reachable.Contains((from, to)), ConnectionStateMachine.Allows(from, to));
            }
        }
    }

    [Theory]
    [InlineData("Closed")]
    [InlineData("Open")]
    [InlineData("Broken")]
    [InlineData("Failed")]
    public void Install_OutsideOpeningAndFailingOver_IsRefused(string fromStatus)
    {
        var from = Enum.Parse<LogicalConnectionStatus>(fromStatus);
        var machine = MachineIn(from, out _);
        var host = machine.Host;

        var error = Assert.Throws<InvalidOperationException>(() => machine.Install(Physical(Node2), Node2, watchLoss: true));

        Assert.Equal($"A logical connection cannot go from {from} to Open.", error.Message);
        Assert.Same(host, machine.Host);
    }

    [Fact]
    public void Close_WhenClosed_DoesNothing()
    {
        var machine = MachineIn(LogicalConnectionStatus.Closed, out var connection);
        var changes = 0;
        connection.StateChange += (_, _) => changes++;
        var states = new List<LogicalConnectionState>();
        using var subscription = machine.Changes.Subscribe(states.Add);

        Assert.Null(machine.Close());

        Assert.Equal(LogicalConnectionStatus.Closed, Assert.Single(states).Status);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void AdoStateChange_OpenFailOverFailClose_ReportsOnlyTheAdoChanges()
    {
        var connection = new AuroraConnection(new FakeDriver());
        var machine = new ConnectionStateMachine(connection);
        var changes = new List<(ConnectionState From, ConnectionState To)>();
        connection.StateChange += (_, e) => changes.Add((e.OriginalState, e.CurrentState));

        machine.BeginOpen(new LogicalConnectionState(LogicalConnectionStatus.Opening, Node1));
        Assert.Equal(ConnectionState.Connecting, machine.AdoState);
        machine.Install(Physical(Node1), Node1, watchLoss: true);
        machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node1));
        machine.Lose(Node1, new TimeoutException(), failover: true);
        machine.BeginFailover(Node1);
        Assert.Equal(ConnectionState.Open, machine.AdoState);
        machine.Install(Physical(Node2), Node2, watchLoss: true);
        machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node2));
        machine.Lose(Node2, new TimeoutException(), failover: true);
        machine.BeginFailover(Node2);
        machine.Fail(Node2, new TimeoutException());
        machine.Close();

        Assert.Equal(
            new[] { (ConnectionState.Closed, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Broken), (ConnectionState.Broken, ConnectionState.Closed) },
            changes);
    }

    [Fact]
    public Task Lose_HandsBackThePhysicalConnectionAndTransaction_KeepsTheNodeAndStopsLossReports() => OffTheTestContext(() =>
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out var connection);
        var physical = machine.Physical!;
        var transaction = new AuroraTransaction(connection, new FakeDbTransaction((FakeDbConnection)physical, IsolationLevel.ReadCommitted));
        machine.BeginTransaction(transaction);
        var statement = new TaskCompletionSource<int>();
        var race = machine.RaceLoss(statement.Task);
        Assert.True(machine.MarkLost(Node1, new TimeoutException("reported"), SameHost, out var arm));
        var error = new TimeoutException("gone");

        var (lostPhysical, lostTransaction) = machine.Lose(Node1, error, failover: true);

        Assert.Same(physical, lostPhysical);
        Assert.Same(transaction, lostTransaction);
        Assert.Null(machine.Physical);
        Assert.Null(machine.Transaction);
        Assert.Same(Node1, machine.Host);
        Assert.Same(error, machine.State.Error);
        Assert.False(machine.IsLossWatched);
        Assert.False(machine.MarkLost(Node1, error, SameHost, out _));
        machine.ReleaseLost(arm); // handed off before the loss: stale, the race stays with its statement
        Assert.False(race.IsCompleted);
        statement.SetResult(1);
        Assert.False(Outcome(race));
    });

    [Fact]
    public void Complete_EndsTheStatesOfLaterSubscribersAfterTheCurrentOne()
    {
        var machine = MachineIn(LogicalConnectionStatus.Open, out _);
        machine.Complete();
        var states = new List<LogicalConnectionState>();
        var completed = false;

        using var subscription = machine.Changes.Subscribe(states.Add, () => completed = true);

        Assert.Equal(LogicalConnectionStatus.Open, Assert.Single(states).Status);
        Assert.True(completed);
    }

    // A statement's completion runs the race's continuation inline only where no synchronization context is (as on a
    // driver's I/O thread); the test thread has xunit's.
    private static Task OffTheTestContext(Action test) => Task.Run(test);

    private sealed class RecordingStep : INodeStep
    {
        public List<string> Calls { get; } = new();

        public Task? ReleasedRunning { get; private set; }

        public void Completed() => Calls.Add("completed");

        public void Released(Task running)
        {
            Calls.Add("released");
            ReleasedRunning = running;
        }

        public void Lost() => Calls.Add("lost");
    }

    private static bool Outcome(ValueTask<bool> race)
    {
        Assert.True(race.IsCompleted);
        return race.Result;
    }

    private static bool SameHost(HostSpec current, HostSpec reported) => current.Host == reported.Host;

    private static FakeDbConnection Physical(HostSpec host) => new(new FakeConnectionFactory("Host=" + host.Host), host);

    private static string ExpectedRefusal(LogicalConnectionStatus from, Transition transition) => transition switch
    {
        Transition.BeginOpen => $"The connection is already {from}; close it before opening it again.",
        Transition.Opened => $"A logical connection cannot go from {from} to Open.",
        Transition.LoseWithFailover => $"A logical connection cannot go from {from} to Broken.",
        Transition.LoseWithoutFailover or Transition.Fail => $"A logical connection cannot go from {from} to Failed.",
        Transition.BeginFailover => $"A logical connection cannot go from {from} to FailingOver.",
        _ => $"A logical connection cannot go from {from} to Closed.",
    };

    private static void Apply(ConnectionStateMachine machine, Transition transition)
    {
        switch (transition)
        {
            case Transition.BeginOpen:
                machine.BeginOpen(new LogicalConnectionState(LogicalConnectionStatus.Opening, Node1));
                break;
            case Transition.Opened:
                machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node2));
                break;
            case Transition.LoseWithFailover:
                machine.Lose(Node1, new TimeoutException("lost"), failover: true);
                break;
            case Transition.LoseWithoutFailover:
                machine.Lose(Node1, new TimeoutException("lost"), failover: false);
                break;
            case Transition.BeginFailover:
                machine.BeginFailover(Node1);
                break;
            case Transition.Fail:
                machine.Fail(Node1, new TimeoutException("no node"));
                break;
            default:
                machine.Close();
                break;
        }
    }

    // Reaches each status along the path the connection takes to it.
    private static ConnectionStateMachine MachineIn(LogicalConnectionStatus status, out AuroraConnection connection)
    {
        connection = new AuroraConnection(new FakeDriver());
        return MachineIn(status, connection);
    }

    private static ConnectionStateMachine MachineIn(LogicalConnectionStatus status, AuroraConnection connection)
    {
        var machine = new ConnectionStateMachine(connection);
        if (status == LogicalConnectionStatus.Closed)
        {
            return machine;
        }

        machine.BeginOpen(new LogicalConnectionState(LogicalConnectionStatus.Opening, Node1));
        if (status == LogicalConnectionStatus.Opening)
        {
            return machine;
        }

        machine.Install(Physical(Node1), Node1, watchLoss: true);
        machine.Opened(new LogicalConnectionState(LogicalConnectionStatus.Open, Node1));
        if (status == LogicalConnectionStatus.Open)
        {
            return machine;
        }

        machine.Lose(Node1, new TimeoutException("lost"), failover: true);
        if (status == LogicalConnectionStatus.Broken)
        {
            return machine;
        }

        machine.BeginFailover(Node1);
        if (status == LogicalConnectionStatus.FailingOver)
        {
            return machine;
        }

        machine.Fail(Node1, new TimeoutException("no node"));
        return machine;
    }
}
