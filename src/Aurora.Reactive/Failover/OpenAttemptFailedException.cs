namespace Aurora.Reactive.Failover;

/// <summary>
/// A topology-aware open gave up on a node for a reason of its own (the attempt outlived its bound, the node answered
/// with the wrong role, every fitting node is dead), not a driver error: the connection then fails over.
/// Never reaches the caller except as the inner cause of a failover error.
/// </summary>
internal sealed class OpenAttemptFailedException(string message) : Exception(message);
