using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Identifies one shared monitor: the node (as <see cref="HostSpec.SameNode"/> compares it, ignoring role
/// and metrics) and the detection settings.
/// </summary>
internal readonly record struct HostMonitorKey(string Host, int Port, string? InstanceId, FailureDetectionSettings Settings)
{
    public static HostMonitorKey For(HostSpec host, FailureDetectionSettings settings) =>
        new(host.Host.ToUpperInvariant(), host.Port, host.InstanceId, settings);
}
