using System.Threading.Tasks.Sources;

namespace Aurora.Reactive.Connections;

/// <summary>
/// One statement's wait for "the statement completed or its node was reported lost", whichever comes first
/// (<see cref="ConnectionStateMachine.RaceLoss"/>): what <c>Task.WaitAsync</c> on a loss token did, without a promise, a
/// registration and a <see cref="CancellationTokenSource"/> per statement. Races are kept by their data source's
/// <see cref="Pool"/> and serve every connection of it in turn: a race goes back once its awaiter has read that its statement
/// won (or, for a statement's race, once it took what completing the statement's task needs), so nothing of a connection
/// or its unit of work is left in it; a race released by a loss is never reused (its statement still completes into it later).
/// </summary>
internal sealed partial class LossRace : IValueTaskSource<bool>
{
    private readonly Action _onRunningCompleted;
    private readonly Pool? _pool;
    private ConnectionStateMachine? _machine;
    private ManualResetValueTaskSourceCore<bool> _core; // continuations run where the outcome is set, as WaitAsync's did

    private LossRace(Pool? pool)
    {
        _pool = pool;
        _onRunningCompleted = OnRunningCompleted;
    }

    /// <summary>The watch of the statement raced (<see cref="ConnectionStateMachine.RaceLoss"/>), ended when the race is decided.</summary>
    public CommandWatch Watch { get; } = new();

    /// <summary>The statement raced, until the race is decided; read and written under the machine's lock.</summary>
    public Task? Running { get; set; }

    /// <summary>The loss arm (see <see cref="ConnectionStateMachine.ReleaseLost"/>) the race was started in.</summary>
    public int Arm { get; set; }

    /// <summary>The next race of the machine's list of races in progress.</summary>
    public LossRace? Next { get; set; }

    /// <summary>Whether the race was decided by a loss; such a race is not reused (its statement may still complete into it).</summary>
    public bool Lost { get; private set; }

    /// <summary>A race for <paramref name="machine"/>: from <paramref name="pool"/>, or a new one (that goes back to it when there is one).</summary>
    public static LossRace Rent(Pool? pool, ConnectionStateMachine machine)
    {
        var race = pool?.Take() ?? new LossRace(pool);
        race._machine = machine;
        return race;
    }

    /// <summary>The race's outcome to await (<see langword="true"/>: lost), unless it completes a statement's task itself (<see cref="CompleteStatement"/>).</summary>
    public ValueTask<bool> Outcome => new(this, _core.Version);

    /// <summary>Starts waiting on <paramref name="running"/>, armed by the machine.</summary>
    public void Start(Task running) => running.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onRunningCompleted);

    /// <summary>Sets the outcome (<see langword="true"/>: lost), after the machine decided the race; runs the awaiter's continuation.</summary>
    public void Decide(bool lost)
    {
        Lost = lost;
        if (_onStatementDecided is { } onStatementDecided)
        {
            _onStatementDecided = null;
            onStatementDecided(this, lost);
            return;
        }

        _core.SetResult(lost);
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        var lost = _core.GetResult(token);
        if (!lost)
        {
            _core.Reset();
            _machine = null;
            _pool?.Return(this);
        }

        return lost;
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    // A statement released by a loss still completes into its race later: the machine decides only a race whose statement
    // is the one completed (a race is reused only after a statement that completed, so no such late call can meet it).
    private void OnRunningCompleted() => _machine?.OnRaceRunningCompleted(this);

    /// <summary>The races of one data source not in use, at most <see cref="Capacity"/> (more wait only during a burst).</summary>
    internal sealed class Pool
    {
        private const int Capacity = 256;
        private readonly Stack<LossRace> _idle = new();

        public LossRace? Take()
        {
            lock (_idle)
            {
                return _idle.TryPop(out var race) ? race : null;
            }
        }

        public void Return(LossRace race)
        {
            lock (_idle)
            {
                if (_idle.Count < Capacity)
                {
                    _idle.Push(race);
                }
            }
        }
    }
}
