using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>
/// What a failover coordinator sees of one logical connection: where it is, how its state changes,
/// and a way to tell it that its node is lost before the connection finds out itself.
/// </summary>
internal interface ILogicalConnection
{
    /// <summary>The node the connection is on, with the role it is believed to have; <see langword="null"/> when not open.</summary>
    HostSpec? CurrentHost { get; }

    /// <summary>The current state.</summary>
    LogicalConnectionState CurrentState { get; }

    /// <summary>
    /// The connection's states: the current one at subscription, then every change; completes when the
    /// connection is disposed.
    /// </summary>
    IObservable<LogicalConnectionState> StateChanges { get; }

    /// <summary>
    /// Tells the connection that its current node is lost (crashed, frozen, or no longer the writer).
    /// A command in flight is released at once and fails over; an idle connection fails over before
    /// its next command. Ignored when <paramref name="host"/> is not the node the connection is on.
    /// Safe to call from any thread.
    /// </summary>
    /// <param name="host">The node judged lost.</param>
    /// <param name="reason">Why it is judged lost; becomes the inner exception of the failover error.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    void ReportHostLost(HostSpec host, Exception reason);
}
