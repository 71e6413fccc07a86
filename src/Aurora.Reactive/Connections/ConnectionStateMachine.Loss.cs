using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <content>
/// Loss reports: marking the node lost from any thread, releasing the statements that race the report
/// (<see cref="LossRace"/>), and the loss the next command fails over with.
/// </content>
internal sealed partial class ConnectionStateMachine
{
    /// <summary>
    /// Marks the node lost when it is the node the connection is on (by <paramref name="sameNode"/>), it listens for
    /// reports, and no loss is marked yet; then <paramref name="arm"/> is what to give <see cref="ReleaseLost"/> (outside
    /// the lock) to release the statements in flight.
    /// </summary>
    public bool MarkLost(HostSpec host, Exception reason, Func<HostSpec, HostSpec, bool> sameNode, out int arm)
    {
        lock (this)
        {
            arm = _lossArm;
            if (!_lossArmed || _host is not { } current || !sameNode(current, host) || _lossReported)
            {
                return false;
            }

            _lossReported = true;
            _pendingLoss = reason;
            return true;
        }
    }

    /// <summary>
    /// Releases the statements racing a loss (<see cref="RaceLoss"/>) that started while <paramref name="arm"/> was
    /// current, as lost; nothing when the connection has been disarmed since (closed, failed over, or lost another way).
    /// Their continuations run here.
    /// </summary>
    public void ReleaseLost(int arm)
    {
        LossRace? released = null;
        lock (this)
        {
            if (arm != _lossArm)
            {
                return;
            }

            LossRace? kept = null;
            while (_races is { } race)
            {
                _races = race.Next;
                if (race.Arm == arm)
                {
                    race.Running = null;
                    race.Next = released;
                    released = race;
                }
                else
                {
                    race.Next = kept;
                    kept = race;
                }
            }

            _races = kept;
        }

        while (released is { } race)
        {
            released = race.Next;
            race.Next = null;
            race.Watch.End();
            race.Decide(lost: true);
        }
    }

    /// <summary>
    /// Waits for <paramref name="running"/> to complete or the node to be reported lost, whichever comes first:
    /// <see langword="true"/> when lost (then the statement is still running), at once when a loss is marked already.
    /// With <paramref name="watchFrom"/>, the statement (started then) is watched for a stall and by failure monitoring
    /// (<see cref="AuroraConnection.WatchRunning(DateTimeOffset, CommandWatch?)"/>) in the race's own watch, until the race is decided.
    /// </summary>
    public ValueTask<bool> RaceLoss(Task running, DateTimeOffset? watchFrom = null)
    {
        var race = RentRace(watchFrom);
        var outcome = race.Outcome;
        if (Enter(race, running))
        {
            return outcome;
        }

        race.Watch.End(); // lost already: the race is not run, and not reused (a rare path)
        return new ValueTask<bool>(true);
    }

    /// <summary>
    /// <see cref="RaceLoss"/> for a statement started at <paramref name="startedAt"/> (watched meanwhile): the race itself
    /// completes the task returned, when <paramref name="running"/> wins, or through the failover path when it failed or a
    /// loss released it (<see cref="LossRace.CompleteStatement"/>).
    /// </summary>
    public Task<T> RaceStatement<T>(Task<T> running, INodeStep step, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var race = RentRace(startedAt);
        var outcome = race.CompleteStatement(_owner, running, step, cancellationToken); // before it can be decided
        if (!Enter(race, running))
        {
            race.Watch.End(); // lost already (a rare path): the race is not reused
            race.Decide(lost: true);
        }

        return outcome;
    }

    // The watch starts before the race can be decided (a release may come from another thread at any moment), so that
    // whatever decides it ends a watch that has begun.
    private LossRace RentRace(DateTimeOffset? watchFrom)
    {
        var race = LossRace.Rent(_owner.LossRaces, this);
        if (watchFrom is { } startedAt)
        {
            _owner.WatchRunning(startedAt, race.Watch);
        }

        return race;
    }

    // Puts the race in the list of races in progress and starts it, unless a loss is marked already.
    private bool Enter(LossRace race, Task running)
    {
        lock (this)
        {
            if (_lossReported)
            {
                return false;
            }

            race.Running = running;
            race.Arm = _lossArm;
            race.Next = _races;
            _races = race;
            race.Start(running);
            return true;
        }
    }

    /// <summary>The statement of <paramref name="race"/> completed: it wins, unless a loss released it first.</summary>
    public void OnRaceRunningCompleted(LossRace race)
    {
        lock (this)
        {
            if (race.Running is not { IsCompleted: true } || !Unlink(race))
            {
                return;
            }
        }

        race.Watch.End();
        race.Decide(lost: false);
    }

    /// <summary>Marks the node lost after an error met where throwing is not allowed (a dispose), so the next command fails over.</summary>
    public void DeferLoss(Exception error)
    {
        lock (this)
        {
            if (_lossArmed)
            {
                _pendingLoss ??= error;
            }
        }
    }

    /// <summary>The loss marked while idle, or <see langword="null"/>.</summary>
    public Exception? PendingLoss()
    {
        lock (this)
        {
            return _pendingLoss;
        }
    }

    /// <summary>Why the node was reported lost, or <see langword="null"/>.</summary>
    public Exception? LossReason()
    {
        lock (this)
        {
            return _lossReported ? _pendingLoss : null;
        }
    }

    // A release handed off before this point finds a later arm and leaves the statements started since alone.
    private void Disarm(bool armed)
    {
        _lossArm++;
        _lossReported = false;
        _pendingLoss = null;
        _lossArmed = armed;
    }

    private bool Unlink(LossRace race)
    {
        LossRace? previous = null;
        for (var current = _races; current is not null; previous = current, current = current.Next)
        {
            if (ReferenceEquals(current, race))
            {
                if (previous is null)
                {
                    _races = race.Next;
                }
                else
                {
                    previous.Next = race.Next;
                }

                race.Next = null;
                race.Running = null;
                return true;
            }
        }

        return false;
    }
}
