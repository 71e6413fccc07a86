using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>One thing a <see cref="TopologyMonitor"/> did or ran into, for logs and tests.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Time">Scheduler time when it happened.</param>
/// <param name="Message">A description fit for a log (never contains a password).</param>
internal sealed record TopologyMonitorEvent(TopologyMonitorEventKind Kind, DateTimeOffset Time, string Message)
{
    /// <summary>The node concerned, when there is one.</summary>
    public HostSpec? Host { get; init; }

    /// <summary>The snapshot read or emitted, for <see cref="TopologyMonitorEventKind.Refreshed"/> and <see cref="TopologyMonitorEventKind.Changed"/>.</summary>
    public TopologySnapshot? Snapshot { get; init; }

    /// <summary>The error, for <see cref="TopologyMonitorEventKind.Error"/>.</summary>
    public Exception? Error { get; init; }

    /// <summary>The mode now in force, for <see cref="TopologyMonitorEventKind.ModeChanged"/>.</summary>
    public TopologyRefreshMode? Mode { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Time:O} {Kind}: {Message}";
}
