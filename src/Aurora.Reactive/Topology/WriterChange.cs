using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>The topology named a writer that is another node than the last writer it named (see <see cref="TopologyMonitor.WriterChanges"/>).</summary>
/// <param name="Former">The writer named before.</param>
/// <param name="Current">The writer named now.</param>
/// <param name="Snapshot">The snapshot that named <paramref name="Current"/>.</param>
internal sealed record WriterChange(HostSpec Former, HostSpec Current, TopologySnapshot Snapshot);
