namespace Aurora.Reactive.Connections;

/// <summary>
/// Raised inside a logical connection when a command is released because its node was reported lost;
/// never reaches the caller (the failover error carries <see cref="Reason"/> instead).
/// </summary>
internal sealed class HostLostException : Exception
{
    public HostLostException(Exception reason)
        : base("The node was reported lost.", reason)
    {
        Reason = reason;
    }

    public Exception Reason { get; }
}
