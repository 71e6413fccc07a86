using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Everything an <see cref="IFailoverPolicy"/> may watch during one failover. Immutable; a decorating policy
/// passes a changed copy to the policy it wraps (<c>signals with { Topology = ... }</c>).
/// </summary>
public sealed record ClusterSignals
{
    /// <summary>Creates the signals of one failover.</summary>
    /// <param name="failedHost">The node the connection was on, with the role it was believed to have.</param>
    /// <param name="mode">The failover mode in force.</param>
    /// <param name="timing">The failover timing.</param>
    /// <param name="scheduler">The scheduler every timer of the policy must use.</param>
    /// <param name="topology">Topology snapshots; the latest is replayed at subscription when known.</param>
    /// <param name="attempts">The results of the attempts the coordinator made for the policy's decisions.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ClusterSignals(
        HostSpec failedHost,
        FailoverMode mode,
        FailoverTiming timing,
        IScheduler scheduler,
        IObservable<TopologySnapshot> topology,
        IObservable<ConnectAttempt> attempts)
    {
        FailedHost = failedHost ?? throw new ArgumentNullException(nameof(failedHost));
        Mode = mode;
        Timing = timing ?? throw new ArgumentNullException(nameof(timing));
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Topology = topology ?? throw new ArgumentNullException(nameof(topology));
        Attempts = attempts ?? throw new ArgumentNullException(nameof(attempts));
    }

    /// <summary>The node that failed, with the role it was believed to have.</summary>
    public HostSpec FailedHost { get; init; }

    /// <summary>The failover mode in force.</summary>
    public FailoverMode Mode { get; init; }

    /// <summary>The failover timing.</summary>
    public FailoverTiming Timing { get; init; }

    /// <summary>The scheduler every timer of the policy must use.</summary>
    public IScheduler Scheduler { get; init; }

    /// <summary>Topology snapshots of the cluster (from the shared topology monitor, in fast mode during the failover).</summary>
    public IObservable<TopologySnapshot> Topology { get; init; }

    /// <summary>The results of the attempts made for this failover's decisions, in the order they end.</summary>
    public IObservable<ConnectAttempt> Attempts { get; init; }

    /// <summary>Health verdicts of the failure monitors; empty when failure monitoring is off.</summary>
    /// <value>The default value is an empty stream.</value>
    public IObservable<HostHealth> Health { get; init; } = Observable.Empty<HostHealth>();

    /// <summary>The states of the logical connection that started this failover; empty when not known.</summary>
    /// <value>The default value is an empty stream.</value>
    internal IObservable<LogicalConnectionState> ConnectionStates { get; init; } = Observable.Empty<LogicalConnectionState>();

    /// <summary>Whether the session of the failing connection was read-only.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsReadOnly { get; init; }
}
