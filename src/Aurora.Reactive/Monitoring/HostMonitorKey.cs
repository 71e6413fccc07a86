using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Identifies one shared monitor: the node (as <see cref="HostSpec.SameNode"/> compares it, ignoring role
/// and metrics; the host name case-insensitively) and the detection settings.
/// </summary>
internal readonly record struct HostMonitorKey(string Host, int Port, string? InstanceId, FailureDetectionSettings Settings)
{
    public static HostMonitorKey For(HostSpec host, FailureDetectionSettings settings) =>
        new(host.Host, host.Port, host.InstanceId, settings);

    public bool Equals(HostMonitorKey other) =>
        Port == other.Port
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(InstanceId, other.InstanceId, StringComparison.Ordinal)
        && Settings.Equals(other.Settings);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port, InstanceId, Settings);
}
