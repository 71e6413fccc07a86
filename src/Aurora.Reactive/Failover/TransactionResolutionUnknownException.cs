using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The connection failed inside a transaction. A rollback was tried on the old node (it may not have
/// reached it), and the connection now works on another node. Whether the transaction committed is not
/// known (the failure may have hit the COMMIT after it landed): keep the connection, check on the new node
/// whether the transaction's work is there (a key it wrote, say), and only if not begin a new transaction and
/// redo all of it. <c>AuroraClient</c> checks the outcome itself with <c>txid_status()</c>. SQLSTATE 08007.
/// </summary>
public sealed class TransactionResolutionUnknownException : FailoverException
{
    /// <summary>The SQLSTATE of this outcome.</summary>
    public const string Code = "08007";

    /// <summary>Creates the error.</summary>
    /// <param name="oldHost">The node the connection was on when it failed.</param>
    /// <param name="newHost">The node the connection is on now.</param>
    /// <param name="innerException">The driver error that started the failover.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newHost"/> is <see langword="null"/>.</exception>
    public TransactionResolutionUnknownException(HostSpec? oldHost, HostSpec newHost, Exception? innerException)
        : base(BuildMessage(oldHost, newHost), oldHost, newHost ?? throw new ArgumentNullException(nameof(newHost)), innerException)
    {
    }

    /// <inheritdoc/>
    public override string SqlState => Code;

    /// <inheritdoc/>
    public override bool IsConnectionUsable => true;

    private static string BuildMessage(HostSpec? oldHost, HostSpec? newHost) =>
        $"The connection to {Describe(oldHost)} was lost inside a transaction and now works on {Describe(newHost)}. "
        + "A rollback was attempted on the old node, but the fate of the transaction is unknown: "
        + "keep using this connection, begin a new transaction and redo all of its statements.";
}
