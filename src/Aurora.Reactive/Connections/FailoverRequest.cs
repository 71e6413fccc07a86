using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>What a logical connection tells the failover handler when its node fails.</summary>
internal sealed class FailoverRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="connection">The logical connection that needs a new node.</param>
    /// <param name="failedHost">The node that failed, with the role it was believed to have.</param>
    /// <param name="error">The error that started the failover.</param>
    /// <param name="errorKind">How the driver's classifier judged the error.</param>
    /// <param name="inTransaction">Whether a transaction was open on the failed node.</param>
    /// <param name="isReadOnly">Whether the session was set read-only (a reader is then acceptable to it).</param>
    /// <param name="connections">The factory of physical connections the handler must use.</param>
    /// <exception cref="ArgumentNullException">A reference argument is <see langword="null"/>.</exception>
    public FailoverRequest(
        ILogicalConnection connection,
        HostSpec failedHost,
        Exception error,
        DriverErrorKind errorKind,
        bool inTransaction,
        bool isReadOnly,
        IHostConnectionFactory connections)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        FailedHost = failedHost ?? throw new ArgumentNullException(nameof(failedHost));
        Error = error ?? throw new ArgumentNullException(nameof(error));
        ErrorKind = errorKind;
        InTransaction = inTransaction;
        IsReadOnly = isReadOnly;
        Connections = connections ?? throw new ArgumentNullException(nameof(connections));
    }

    /// <summary>The logical connection that needs a new node.</summary>
    public ILogicalConnection Connection { get; }

    /// <summary>The node that failed, with the role it was believed to have.</summary>
    public HostSpec FailedHost { get; }

    /// <summary>The error that started the failover.</summary>
    public Exception Error { get; }

    /// <summary>How the driver's classifier judged <see cref="Error"/>.</summary>
    public DriverErrorKind ErrorKind { get; }

    /// <summary>Whether a transaction was open on the failed node.</summary>
    public bool InTransaction { get; }

    /// <summary>Whether the session was set read-only.</summary>
    public bool IsReadOnly { get; }

    /// <summary>The factory of physical connections to use, so that replacement connections come from the data source's pools.</summary>
    public IHostConnectionFactory Connections { get; }

    /// <summary>
    /// Whether an error of a connection attempt means the node is unavailable (try it again, or another) rather than a
    /// refusal of the request itself (a bad password, an unknown database), as the logical connection judges its own open.
    /// Unless set, every error is a node failure.
    /// </summary>
    public Func<Exception, bool> IsNodeFailure { get; init; } = _ => true;
}
