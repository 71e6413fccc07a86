namespace Aurora.Reactive.Topology;

/// <summary>The outcome of reading one topology: the snapshot, and the rows that were left out of it.</summary>
/// <param name="Snapshot">The snapshot built from the accepted rows.</param>
/// <param name="RejectedRows">Rows left out (bad instance id, stale, an older writer row), with the reason.</param>
internal sealed record TopologyReadResult(TopologySnapshot Snapshot, IReadOnlyList<RejectedTopologyRow> RejectedRows);
