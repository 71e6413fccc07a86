namespace Aurora.Reactive.Topology;

/// <summary>A topology row that was left out of a snapshot, and why.</summary>
/// <param name="Row">The row as read.</param>
/// <param name="Reason">Why the row was left out, in words fit for a log.</param>
internal sealed record RejectedTopologyRow(TopologyRow Row, string Reason);
