using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>One node of a <see cref="SimulatedCluster"/>: its real role, its faults, its server sessions and the calls it has not answered.</summary>
internal sealed class SimulatedNode(string instanceId, HostSpec host)
{
    private readonly List<SimulatedCall> _inFlight = [];

    public string InstanceId { get; } = instanceId;

    public HostSpec Host { get; } = host;

    public bool IsWriter { get; set; }

    public bool IsCrashed { get; private set; }

    public bool IsFrozen { get; private set; }

    /// <summary>Counts the sessions ended by a crash, a restart or a switchover: a session opened before is dead.</summary>
    public int Incarnation { get; private set; }

    /// <summary>Calls answered (or failed) by this node, for tests that count the load.</summary>
    public int Calls { get; set; }

    public void Track(SimulatedCall call) => _inFlight.Add(call);

    public void Untrack(SimulatedCall call) => _inFlight.Remove(call);

    /// <summary>Ends every session: calls in flight fail now, and the sessions' later calls fail at once.</summary>
    public void EndSessions(Func<Exception> error)
    {
        Incarnation++;
        foreach (var call in _inFlight.ToArray())
        {
            call.Fail(error());
        }
    }

    public void Crash(Func<Exception> error)
    {
        IsCrashed = true;
        IsFrozen = false;
        EndSessions(error);
    }

    public void Restart()
    {
        IsCrashed = false;
        IsFrozen = false;
        Incarnation++;
    }

    public void Freeze() => IsFrozen = true;

    /// <summary>Answers again; the calls held while frozen are answered now.</summary>
    public void Thaw()
    {
        IsFrozen = false;
        foreach (var call in _inFlight.ToArray())
        {
            call.Release();
        }
    }
}
