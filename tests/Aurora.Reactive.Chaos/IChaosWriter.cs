namespace Aurora.Reactive.Chaos;

/// <summary>One client kind under chaos: writes the row with a given id in a transaction and says which instance committed it.</summary>
public interface IChaosWriter : IAsyncDisposable
{
    /// <summary>The client kind, as the report names it.</summary>
    string Kind { get; }

    /// <summary>Writes row <paramref name="id"/> and commits; returns the committing instance.</summary>
    /// <exception cref="CommitOutcomeUnknownException">The COMMIT was sent and failed: the row may or may not be there.</exception>
    /// <exception cref="Failover.TransactionResolutionUnknownException">The client says it cannot tell whether the transaction committed.</exception>
    Task<string> WriteAsync(long id, string writer, CancellationToken cancellationToken);
}

/// <summary>The COMMIT of a write was sent and did not come back with success: its outcome is not known to the application.</summary>
public sealed class CommitOutcomeUnknownException(Exception inner) : Exception("The COMMIT failed: " + inner.Message, inner);
