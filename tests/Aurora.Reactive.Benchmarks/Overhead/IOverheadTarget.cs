namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>One way of reaching the server whose per-operation cost the overhead suite measures.</summary>
public interface IOverheadTarget : IAsyncDisposable
{
    /// <summary>Short label used in tables: (a), (b), (c), (a').</summary>
    string Label { get; }

    /// <summary>What the path is and which features were active at run time.</summary>
    string Description { get; }

    /// <summary>Whether the path has a long-lived connection to run commands on (the client API has none).</summary>
    bool HasOpenConnection { get; }

    /// <summary>Open a pooled connection, <c>SELECT 1</c>, close.</summary>
    Task SelectOneAsync(CancellationToken cancellationToken);

    /// <summary>Open a pooled connection, a two-parameter <c>INSERT</c>, close.</summary>
    Task InsertAsync(int amount, CancellationToken cancellationToken);

    /// <summary><c>SELECT 1</c> on a connection held open for the whole run.</summary>
    Task SelectOneOnOpenConnectionAsync(CancellationToken cancellationToken);
}
