using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The connection failed and no other node could take it over within the failover timeout. The
/// connection is unusable: close or dispose it, and open a new one once the cluster is reachable again.
/// SQLSTATE 08001.
/// </summary>
public sealed class FailoverFailedException : FailoverException
{
    /// <summary>The SQLSTATE of this outcome.</summary>
    public const string Code = "08001";

    /// <summary>Creates the error.</summary>
    /// <param name="oldHost">The node the connection was on when it failed, when known.</param>
    /// <param name="innerException">The driver error that started the failover, or the reason it could not finish.</param>
    /// <param name="reason">Why no node could take over, in a few words, or <see langword="null"/>.</param>
    /// <param name="lastAttemptError">The last error met while looking for a node, or <see langword="null"/>.</param>
    public FailoverFailedException(HostSpec? oldHost, Exception? innerException, string? reason = null, Exception? lastAttemptError = null)
        : base(BuildMessage(oldHost, reason), oldHost, null, innerException)
    {
        LastAttemptError = lastAttemptError;
    }

    /// <summary>The last error met while looking for a node (a refused connection, a failed session set-up), when there was one.</summary>
    public Exception? LastAttemptError { get; }

    /// <inheritdoc/>
    public override string SqlState => Code;

    /// <inheritdoc/>
    public override bool IsConnectionUsable => false;

    private static string BuildMessage(HostSpec? oldHost, string? reason) =>
        $"The connection to {Describe(oldHost)} was lost and no other node could take it over"
        + (string.IsNullOrEmpty(reason) ? "" : $" ({reason})")
        + ". This connection is unusable: dispose it and open a new one when the cluster is reachable.";
}
