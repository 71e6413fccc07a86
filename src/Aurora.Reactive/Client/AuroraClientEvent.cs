using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Client;

/// <summary>One thing an <see cref="AuroraClient"/> went through, for timelines, logs and tests.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When, on the client's scheduler.</param>
/// <param name="Message">A description fit for a log (never holds a password).</param>
public sealed record AuroraClientEvent(AuroraClientEventKind Kind, DateTimeOffset Time, string Message)
{
    /// <summary>The node concerned: the failed node, the node found, the new writer.</summary>
    public HostSpec? Host { get; init; }

    /// <summary>For <see cref="AuroraClientEventKind.WriterFound"/> and <see cref="AuroraClientEventKind.FailoverFinished"/>, the time since the failover started.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The error behind the event, when there is one.</summary>
    public Exception? Error { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Time:HH:mm:ss.fff} {Kind}: {Message}" + (Duration is { } d ? $" ({d.TotalMilliseconds:0} ms)" : string.Empty);
}
