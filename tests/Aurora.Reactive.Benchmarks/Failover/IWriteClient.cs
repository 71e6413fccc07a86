namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>One client under test in the failover suite: writes one row and says which instance took it.</summary>
public interface IWriteClient : IAsyncDisposable
{
    string Label { get; }

    string Description { get; }

    /// <summary>Writes one row; returns the instance id of the node that committed it.</summary>
    Task<string> WriteAsync(CancellationToken cancellationToken);
}
