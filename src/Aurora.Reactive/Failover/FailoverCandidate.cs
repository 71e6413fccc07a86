using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>A node a built-in policy would try now, in order of preference, and the role it must confirm.</summary>
internal sealed record FailoverCandidate(HostSpec Host, HostRole ExpectedRole);
