using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The I/O of a failover attempt as a cold observable: connect to a node and ask it its role. Each
/// subscription makes one attempt, yields one <see cref="VerifiedConnection"/> (the subscriber then owns
/// the connection) or an error; unsubscribing cancels it, and a connection that opens after that is disposed.
/// </summary>
internal interface IFailoverConnector
{
    IObservable<VerifiedConnection> Connect(HostSpec host);

    /// <summary>
    /// Opens a connection to <paramref name="host"/> without asking its role (the topology named it): the verified host
    /// is <paramref name="host"/> itself. The default asks the role anyway.
    /// </summary>
    IObservable<VerifiedConnection> Open(HostSpec host) => Connect(host);

    /// <summary>
    /// Starts <see cref="Open"/>'s work on the caller's thread, so that an open the pool serves at once completes with no
    /// bound, timer, watch or task: then <paramref name="opened"/> is the open connection (the caller owns it) and the
    /// result is <see langword="null"/>. Otherwise the result is the attempt still running (or failed), and
    /// <see langword="null"/> with no connection when this connector cannot (the open then goes through <see cref="Open"/>).
    /// </summary>
    Task<VerifiedConnection>? TryStartOpen(HostSpec host, out DbConnection? opened)
    {
        opened = null;
        return null;
    }
}
