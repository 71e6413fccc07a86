using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>Node identity for failover: the same address, or the same instance id when both have one.</summary>
internal static class HostMatch
{
    public static bool Same(HostSpec? a, HostSpec? b) =>
        a is not null && b is not null
        && ((a.Port == b.Port && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase))
            || (a.InstanceId is not null && string.Equals(a.InstanceId, b.InstanceId, StringComparison.Ordinal)));

    public static string Key(HostSpec host) => host.Endpoint.ToLowerInvariant();
}
