using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>What a logical connection asks of a topology-aware handler when it opens.</summary>
/// <param name="Connections">The data source's factory, so the connection comes from the node's pool.</param>
/// <param name="Target">Where to open.</param>
/// <param name="InitialHost">The node the connection string names (used while the topology is unknown).</param>
/// <param name="IsDead">Whether failure monitoring declared a node dead.</param>
/// <param name="IsNodeFailure">Whether a driver error means the node is unavailable (try the next one) rather than
/// an error of the caller's (bad password: stop and report it).</param>
internal sealed record TopologyOpenRequest(
    IHostConnectionFactory Connections, OpenTarget Target, HostSpec InitialHost, Func<HostSpec, bool> IsDead, Func<Exception, bool> IsNodeFailure)
{
    /// <summary>
    /// Whether the driver's open may be started on the caller's thread: not for a driver whose async calls block
    /// (MySql.Data), whose open on a frozen node would then hold the caller for its own connect timeout, past every bound.
    /// </summary>
    public bool MayOpenInline { get; init; } = true;
}
