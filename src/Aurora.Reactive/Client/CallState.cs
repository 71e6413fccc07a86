using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>What one call of <see cref="AuroraClient"/> carries from one attempt to the next.</summary>
internal sealed class CallState
{
    private PooledConnection? _pooled;

    public CallState(ExecuteTarget target) => Target = target;

    public ExecuteTarget Target { get; }

    /// <summary>The logical connection to the writer, kept across failovers (it moves with them).</summary>
    public AuroraConnection? Connection => _pooled?.Connection;

    /// <summary>A transaction whose COMMIT was in flight when its node failed; its outcome must be asked before anything runs again.</summary>
    public TransactionMarker? PendingCommit { get; set; }

    /// <summary>The unit's result for <see cref="PendingCommit"/>, returned if the transaction turns out committed.</summary>
    public object? PendingResult { get; set; }

    /// <summary>An error that must reach the caller even though it looks like a failover (the outcome is unknown).</summary>
    public Exception? FinalError { get; set; }

    /// <summary>The reader the last attempt ran on.</summary>
    public HostSpec? LastReader { get; set; }

    /// <summary>Readers that failed during this call.</summary>
    public HashSet<string> FailedReaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Set when the last attempt failed with a driver error that means the node is gone (the connection did not fail over itself).</summary>
    public bool ConnectionLost { get; set; }

    /// <summary>Whether <see cref="Connection"/> can run the next attempt.</summary>
    public bool HasUsableConnection => !ConnectionLost && Connection is { State: ConnectionState.Open };

    public void Attach(PooledConnection pooled) => _pooled = pooled;

    /// <summary>Closes the connection for good (it failed, or the call did not complete).</summary>
    public async ValueTask ReleaseConnectionAsync()
    {
        var pooled = _pooled;
        _pooled = null;
        ConnectionLost = false;
        if (pooled is not null)
        {
            await pooled.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>At the end of the call: a connection that completed the call goes back to the pool, any other is closed.</summary>
    public ValueTask EndAsync(ClientConnectionPool pool, bool completed)
    {
        if (!completed || ConnectionLost || _pooled is null || PendingCommit is not null)
        {
            return ReleaseConnectionAsync();
        }

        var pooled = _pooled;
        _pooled = null;
        return pool.ReturnAsync(pooled);
    }
}
