using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Connections;

/// <summary>One state of a logical connection: its status, the node it concerns and, when broken or failed, the error.</summary>
internal sealed record LogicalConnectionState
{
    /// <summary>Creates a state.</summary>
    /// <param name="status">The status.</param>
    /// <param name="host">The node the state concerns: the node open on, or the node that failed; <see langword="null"/> when none.</param>
    /// <param name="error">The error, for <see cref="LogicalConnectionStatus.Broken"/> and <see cref="LogicalConnectionStatus.Failed"/>.</param>
    public LogicalConnectionState(LogicalConnectionStatus status, HostSpec? host = null, Exception? error = null)
    {
        Status = status;
        Host = host;
        Error = error;
    }

    /// <summary>The closed state, with no host.</summary>
    public static LogicalConnectionState Closed { get; } = new(LogicalConnectionStatus.Closed);

    /// <summary>The status.</summary>
    public LogicalConnectionStatus Status { get; }

    /// <summary>The node the state concerns (for <see cref="LogicalConnectionStatus.Open"/>, the node and the role it is believed to have).</summary>
    public HostSpec? Host { get; }

    /// <summary>The error of a broken or failed connection, otherwise <see langword="null"/>.</summary>
    public Exception? Error { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Host is null ? Status.ToString() : Error is null ? $"{Status} {Host}" : $"{Status} {Host}: {Error.GetType().Name}";
}
