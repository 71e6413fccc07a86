using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Options;

/// <summary>What <see cref="AuroraConnectionStringParser"/> produces, handed to <see cref="AuroraConnectionString"/>.</summary>
internal sealed record AuroraConnectionStringParts(
    AuroraOptions Options,
    string DriverConnectionString,
    string MaskedDriverConnectionString,
    string MonitoringConnectionString,
    string MaskedMonitoringConnectionString,
    IReadOnlyDictionary<string, string> MonitoringSettings,
    IReadOnlyList<HostSpec> Hosts,
    ClusterEndpoint Endpoint,
    ClusterKey ClusterKey,
    IInstanceEndpointResolver? InstanceEndpoints)
{
    // The record's generated ToString would print the connection strings with their passwords.
    public override string ToString() => nameof(AuroraConnectionStringParts);
}
