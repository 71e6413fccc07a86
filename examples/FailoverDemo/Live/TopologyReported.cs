namespace FailoverDemo.Live;

/// <summary>A topology read: who is the writer, and every host with its role.</summary>
internal sealed record TopologyReported(TimeSpan At, string? Writer, IReadOnlyList<TopologyHost> Hosts) : DemoEvent(At);
