using System.Runtime.CompilerServices;

namespace Aurora.Reactive.Connections;

/// <content>
/// A race that completes its statement's task itself (<see cref="ConnectionStateMachine.RaceStatement"/>), so that a
/// statement racing a loss report allocates its task and the task's builder, not an async state machine that awaits the race.
/// </content>
internal sealed partial class LossRace
{
    private Action<LossRace, bool>? _onStatementDecided;
    private object? _promise; // StrongBox<AsyncTaskMethodBuilder<T>>: completes the statement's task as an async method would
    private Task? _statement;
    private INodeStep? _step;
    private AuroraConnection? _connection;
    private CancellationToken _cancellationToken;
    private ExecutionContext? _context;

    /// <summary>
    /// Makes the race complete the task returned when decided: with <paramref name="running"/>'s result when it won, else
    /// through <see cref="CommandExecution.AfterRaceAsync"/>. Called before the race can be decided.
    /// </summary>
    public Task<T> CompleteStatement<T>(AuroraConnection connection, Task<T> running, INodeStep step, CancellationToken cancellationToken)
    {
        var promise = new StrongBox<AsyncTaskMethodBuilder<T>>(AsyncTaskMethodBuilder<T>.Create());
        var task = promise.Value.Task;
        _promise = promise;
        _statement = running;
        _step = step;
        _connection = connection;
        _cancellationToken = cancellationToken;
        _context = ExecutionContext.Capture(); // what happens after the race runs in the statement's context, as after an await
        _onStatementDecided = static (race, lost) => race.OnStatementDecided<T>(lost);
        return task;
    }

    private void OnStatementDecided<T>(bool lost)
    {
        var decided = new Decided<T>(
            (StrongBox<AsyncTaskMethodBuilder<T>>)_promise!, _connection!, (Task<T>)_statement!, _step!, lost, _cancellationToken);
        var context = _context;
        _promise = null;
        _statement = null;
        _step = null;
        _connection = null;
        _cancellationToken = default;
        _context = null;
        if (!lost)
        {
            // As GetResult does for an awaited race: nothing of the statement is left in it.
            _machine = null;
            _pool?.Return(this);
        }

        if (context is null || context == ExecutionContext.Capture())
        {
            decided.Complete();
        }
        else
        {
            ExecutionContext.Run(context, static state => ((Decided<T>)state!).Complete(), decided);
        }
    }

    // A struct, so that a statement that wins allocates nothing here (it is boxed only to run in another context).
    private readonly record struct Decided<T>(
        StrongBox<AsyncTaskMethodBuilder<T>> Promise, AuroraConnection Connection, Task<T> Running, INodeStep Step, bool Lost, CancellationToken CancellationToken)
    {
        public void Complete()
        {
            if (!Lost && Running.IsCompletedSuccessfully)
            {
                try
                {
                    Step.Completed();
                }
#pragma warning disable CA1031 // It belongs to the statement's task, as it would in an async method.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    Promise.Value.SetException(error);
                    return;
                }

                Promise.Value.SetResult(Running.Result);
                return;
            }

            _ = FailAsync(this);
        }

        private static async Task FailAsync(Decided<T> decided)
        {
            T result;
            try
            {
                result = await CommandExecution.AfterRaceAsync(decided.Connection, decided.Running, decided.Step, decided.Lost, decided.CancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // It belongs to the statement's task, as it would in an async method.
            catch (Exception error)
#pragma warning restore CA1031
            {
                decided.Promise.Value.SetException(error);
                return;
            }

            decided.Promise.Value.SetResult(result);
        }
    }
}
