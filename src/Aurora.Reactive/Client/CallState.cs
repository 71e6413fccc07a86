using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>What one call of <see cref="AuroraClient"/> carries from one attempt to the next.</summary>
internal sealed class CallState : IAsyncDisposable
{
    private IDisposable? _stateSubscription;

    public CallState(ExecuteTarget target) => Target = target;

    public ExecuteTarget Target { get; }

    /// <summary>The logical connection to the writer, kept across failovers (it moves with them).</summary>
    public AuroraConnection? Connection { get; private set; }

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

    public void Attach(AuroraConnection connection, IDisposable stateSubscription)
    {
        Connection = connection;
        _stateSubscription = stateSubscription;
    }

    public async ValueTask ReleaseConnectionAsync()
    {
        var connection = Connection;
        var subscription = _stateSubscription;
        Connection = null;
        _stateSubscription = null;
        ConnectionLost = false;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        subscription?.Dispose();
    }

    public ValueTask DisposeAsync() => ReleaseConnectionAsync();
}
