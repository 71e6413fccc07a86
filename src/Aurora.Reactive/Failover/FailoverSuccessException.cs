using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The connection failed outside a transaction and now works on another node. The statement that
/// failed did not complete: keep the connection (do not dispose it), restore any session settings you
/// made with SQL that are not registered for replay, and run the statement again. SQLSTATE 08S02.
/// </summary>
public sealed class FailoverSuccessException : FailoverException
{
    /// <summary>The SQLSTATE of this outcome.</summary>
    public const string Code = "08S02";

    /// <summary>Creates the error.</summary>
    /// <param name="oldHost">The node the connection was on when it failed.</param>
    /// <param name="newHost">The node the connection is on now.</param>
    /// <param name="innerException">The driver error that started the failover.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newHost"/> is <see langword="null"/>.</exception>
    public FailoverSuccessException(HostSpec? oldHost, HostSpec newHost, Exception? innerException)
        : base(BuildMessage(oldHost, newHost), oldHost, newHost ?? throw new ArgumentNullException(nameof(newHost)), innerException)
    {
    }

    /// <inheritdoc/>
    public override string SqlState => Code;

    /// <inheritdoc/>
    public override bool IsConnectionUsable => true;

    private static string BuildMessage(HostSpec? oldHost, HostSpec? newHost) =>
        $"The connection to {Describe(oldHost)} was lost outside a transaction and now works on {Describe(newHost)}. "
        + "The last statement did not complete: keep using this connection and run the statement again. "
        + "Session settings made with SQL on the old node are gone unless they were registered for replay.";
}
