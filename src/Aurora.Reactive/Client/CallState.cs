using System.Data;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>
/// What one call of <see cref="AuroraClient"/> carries from one attempt to the next, the call's own logical connection
/// included: opened from the data source for the call (its physical connection from the driver's pool, which resets the
/// session as plain pooled use does) and closed when the call ends, so no unit of work sees another's session state.
/// </summary>
internal sealed class CallState
{
    private AuroraConnection? _connection;
    private IDisposable? _states;

    public CallState(ExecuteTarget target) => Target = target;

    public ExecuteTarget Target { get; }

    /// <summary>The call's logical connection to the writer, kept across its attempts (it moves with failovers).</summary>
    public AuroraConnection? Connection => _connection;

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

    /// <summary>Makes <paramref name="connection"/> the call's connection; <paramref name="states"/> forwards its states and is disposed after it.</summary>
    public void Attach(AuroraConnection connection, IDisposable states)
    {
        _connection = connection;
        _states = states;
    }

    /// <summary>Closes the connection (its physical connection goes back to the driver's pool) and stops forwarding its states.</summary>
    public async ValueTask ReleaseConnectionAsync()
    {
        var connection = _connection;
        var states = _states;
        _connection = null;
        _states = null;
        ConnectionLost = false;
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                states?.Dispose();
            }
        }
    }

    /// <summary>At the end of the call, completed or not: the connection is closed; the next call opens its own.</summary>
    public ValueTask EndAsync() => ReleaseConnectionAsync();
}
