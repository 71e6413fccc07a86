using System.Data.Common;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The base of the three errors a failover can end in. Each carries a stable <see cref="SqlState"/>,
/// the node the connection was on (<see cref="OldHost"/>), the node it is on now (<see cref="NewHost"/>,
/// when there is one) and, as <see cref="Exception.InnerException"/>, the driver error that started the
/// failover. Messages name hosts by address and instance id only, never by connection string.
/// </summary>
public abstract class FailoverException : DbException
{
    /// <summary>Creates a failover error.</summary>
    /// <param name="message">What happened and what the caller must do.</param>
    /// <param name="oldHost">The node the connection was on when it failed, when known.</param>
    /// <param name="newHost">The node the connection is on now, or <see langword="null"/> when there is none.</param>
    /// <param name="innerException">The driver error that started the failover.</param>
    protected FailoverException(string message, HostSpec? oldHost, HostSpec? newHost, Exception? innerException)
        : base(message, innerException)
    {
        OldHost = oldHost;
        NewHost = newHost;
    }

    /// <summary>The node the connection was on when it failed, or <see langword="null"/> when not known.</summary>
    public HostSpec? OldHost { get; }

    /// <summary>The node the connection is on after the failover, or <see langword="null"/> when the failover found none.</summary>
    public HostSpec? NewHost { get; }

    /// <summary>The stable SQLSTATE of this outcome (the codes JDBC drivers use for it).</summary>
    public abstract override string SqlState { get; }

    /// <summary>Whether the connection object can still be used: it now works on <see cref="NewHost"/>.</summary>
    public abstract bool IsConnectionUsable { get; }

    /// <summary>
    /// Whether running the work again may succeed: <see langword="true"/> when the connection was moved to
    /// another node, <see langword="false"/> when no node could be reached.
    /// </summary>
    public override bool IsTransient => IsConnectionUsable;

    /// <summary>Describes a host for a message without any credential.</summary>
    /// <param name="host">The host, or <see langword="null"/>.</param>
    /// <returns>The host's address and instance id, or "an unknown node".</returns>
    protected static string Describe(HostSpec? host) => host is null ? "an unknown node" : host.ToString();
}
