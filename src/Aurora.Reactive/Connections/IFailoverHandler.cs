namespace Aurora.Reactive.Connections;

/// <summary>
/// The seam a failover coordinator implements. A logical connection attaches itself when it opens and
/// asks for a replacement physical connection when a driver error on its node starts a failover.
/// Many connections may call at once: an implementation should share one topology refresh and one
/// writer search among them. Without a handler a connection is a plain pass-through.
/// </summary>
internal interface IFailoverHandler
{
    /// <summary>
    /// Called when a logical connection opens, so the coordinator can watch it (and call
    /// <see cref="ILogicalConnection.ReportHostLost"/> when the cluster shows its node is gone).
    /// </summary>
    /// <param name="connection">The connection that opened.</param>
    void Attach(ILogicalConnection connection);

    /// <summary>Called when an attached connection closes: the coordinator stops watching it.</summary>
    /// <param name="connection">The connection that closed.</param>
    void Detach(ILogicalConnection connection);

    /// <summary>
    /// Finds another node for a connection whose node failed, opens and verifies a physical connection to
    /// it (with <see cref="FailoverRequest.Connections"/>), and returns it. Must end within the failover
    /// timeout; returns a failed outcome rather than throwing when no node can be reached.
    /// </summary>
    /// <param name="request">What failed and what the connection needs.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up.</param>
    /// <returns>The open physical connection and its node, or a failure.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<FailoverOutcome> FailOverAsync(FailoverRequest request, CancellationToken cancellationToken);
}
