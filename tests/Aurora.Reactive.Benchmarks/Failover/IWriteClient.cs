namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>One client under test in the failover suite: writes one row and says which instance took it.</summary>
public interface IWriteClient : IAsyncDisposable
{
    string Label { get; }

    string Description { get; }

    /// <summary>
    /// How many workers write through this client at once, each in its own loop (1 for one worker). The client's
    /// downtime after a fault lasts until every worker has written on the new writer.
    /// </summary>
    int Workers => 1;

    /// <summary>Writes one row; returns the instance id of the node that committed it. Called by <see cref="Workers"/> loops at once.</summary>
    Task<string> WriteAsync(CancellationToken cancellationToken);
}
