using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Identifies one shared monitor: the node, the address it is probed at (an instance reached through a cluster
/// endpoint is not probed at its own address) and the detection settings.
/// </summary>
internal readonly record struct HostMonitorKey(NodeId Node, NodeId Address, FailureDetectionSettings Settings)
{
    public static HostMonitorKey For(HostSpec host, FailureDetectionSettings settings) =>
        new(host.Node, NodeId.At(host), settings);
}
