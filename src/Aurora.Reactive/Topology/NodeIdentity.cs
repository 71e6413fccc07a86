using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>What a node said about itself when asked directly.</summary>
/// <param name="Host">The node that was asked.</param>
/// <param name="InstanceId">The instance id the node reported.</param>
/// <param name="IsReader">Whether the node said it is a reader; <see langword="false"/> means it confirmed being the writer.</param>
internal sealed record NodeIdentity(HostSpec Host, string InstanceId, bool IsReader)
{
    /// <summary>The node as a host with its confirmed role and instance id.</summary>
    public HostSpec ToHost() => new(Host.Host, Host.Port, InstanceId, IsReader ? HostRole.Reader : HostRole.Writer);
}
