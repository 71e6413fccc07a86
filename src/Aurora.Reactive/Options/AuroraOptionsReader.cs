using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Keys = Aurora.Reactive.Options.AuroraOptionKeys;
using Defaults = Aurora.Reactive.Options.AuroraOptionDefaults;

namespace Aurora.Reactive.Options;

/// <summary>Builds <see cref="AuroraOptions"/> from our keys' raw values, resolving the defaults that depend on the endpoint.</summary>
internal static class AuroraOptionsReader
{
    /// <exception cref="ArgumentException">A value is invalid, or the host pattern is required and missing.</exception>
    public static AuroraOptions Read(OptionValueReader values, ClusterEndpoint endpoint, IReadOnlyList<HostSpec> hosts)
    {
        var initialPort = hosts[0].Port;
        var options = new AuroraOptions
        {
            Plugins = values.Parsed<IReadOnlyList<AuroraPlugin>>(Keys.Plugins, AuroraPluginNames.TryParseList) ?? Defaults.Plugins,
            EnableFailover = values.Bool(Keys.EnableFailover, Defaults.EnableFailover),
            FailoverMode = ReadFailoverMode(values, endpoint),
            InstanceHostPattern = values.Parsed<InstanceHostPattern>(Keys.ClusterInstanceHostPattern, InstanceHostPattern.TryParse) ?? Derive(endpoint),
            InstanceEndpoints = values.Parsed(Keys.ClusterInstanceEndpoints, (string text, out string? reason) => InstanceEndpointMap.TryParse(text, initialPort, out reason)),
            ClusterId = ReadClusterId(values),
            FailoverClusterTopologyRefreshRate = values.Seconds(Keys.FailoverClusterTopologyRefreshRateSec, Defaults.FailoverClusterTopologyRefreshRate, minimum: 1),
            FailoverReaderConnectTimeout = values.Seconds(Keys.FailoverReaderConnectTimeoutSec, Defaults.FailoverReaderConnectTimeout, minimum: 1),
            FailoverTimeout = values.Seconds(Keys.FailoverTimeoutSec, Defaults.FailoverTimeout, minimum: 1),
            FailoverWriterReconnectInterval = values.Seconds(Keys.FailoverWriterReconnectIntervalSec, Defaults.FailoverWriterReconnectInterval, minimum: 1),
            KeepSessionStateOnFailover = values.Bool(Keys.KeepSessionStateOnFailover, Defaults.KeepSessionStateOnFailover),
            FailoverSilentIdleMove = values.Bool(Keys.FailoverSilentIdleMove, Defaults.FailoverSilentIdleMove),
            FailureDetectionEnabled = values.Bool(Keys.FailureDetectionEnabled, Defaults.FailureDetectionEnabled),
            FailureDetectionTime = values.Milliseconds(Keys.FailureDetectionTimeMs, Defaults.FailureDetectionTime, minimum: 0),
            FailureDetectionInterval = values.Milliseconds(Keys.FailureDetectionIntervalMs, Defaults.FailureDetectionInterval, minimum: 1),
            FailureDetectionCount = values.Count(Keys.FailureDetectionCount, Defaults.FailureDetectionCount, minimum: 1),
            FailureDetectionProbe = ReadProbeMethod(values),
            MonitorDisposalTime = values.Milliseconds(Keys.MonitorDisposalTimeMs, Defaults.MonitorDisposalTime, minimum: 0),
            TopologyRefreshRate = values.Milliseconds(Keys.TopologyRefreshRateMs, Defaults.TopologyRefreshRate, minimum: 1),
            TopologyFastRefreshRate = values.Milliseconds(Keys.TopologyFastRefreshRateMs, Defaults.TopologyFastRefreshRate, minimum: 1),
            TopologyFastRefreshDuration = values.Milliseconds(Keys.TopologyFastRefreshDurationMs, Defaults.TopologyFastRefreshDuration, minimum: 0),
            TopologyMonitorDisposalTime = values.Milliseconds(Keys.TopologyMonitorDisposalTimeMs, Defaults.TopologyMonitorDisposalTime, minimum: 0),
        };

        // A host list (several hosts) is a topology source of its own for the plain PostgreSQL dialect.
        if (options.IsFailoverActive && options.InstanceEndpoints is null && options.InstanceHostPattern is null && hosts.Count == 1)
        {
            throw new ArgumentException(
                $"Option {Keys.ClusterInstanceHostPattern} is required: host '{endpoint.Host}' is {Describe(endpoint.Kind)}, from which instance "
                + $"host names cannot be derived. Give {Keys.ClusterInstanceHostPattern} (e.g. ?.my-domain.com), or {Keys.ClusterInstanceEndpoints} "
                + $"(e.g. instance-1=127.0.0.1:5433,instance-2=127.0.0.1:5434), or turn failover off with {Keys.EnableFailover}=false.",
                Keys.ClusterInstanceHostPattern);
        }

        return options;
    }

    private static Monitoring.ProbeMethod? ReadProbeMethod(OptionValueReader values) =>
        values.Text(Keys.FailureDetectionProbe) is not { } text ? null : text.Trim().ToLowerInvariant() switch
        {
            "auto" => null,
            "select1" or "select_1" or "select 1" => Monitoring.ProbeMethod.SelectOne,
            "connect" => Monitoring.ProbeMethod.Connect,
            _ => throw OptionValueReader.Invalid(Keys.FailureDetectionProbe, text, "expected select1, connect or auto"),
        };

    private static FailoverMode ReadFailoverMode(OptionValueReader values, ClusterEndpoint endpoint)
    {
        if (values.Text(Keys.FailoverMode) is not { } text)
        {
            return endpoint.Kind == EndpointKind.ClusterReader ? FailoverMode.ReaderOrWriter : Defaults.FailoverMode;
        }

        return FailoverModeNames.TryParse(text, out var mode) ? mode : throw OptionValueReader.Invalid(Keys.FailoverMode, text, FailoverModeNames.ExpectedNames);
    }

    private static string? ReadClusterId(OptionValueReader values) =>
        values.Text(Keys.ClusterId) switch
        {
            null => null,
            { } text when string.IsNullOrWhiteSpace(text) => throw OptionValueReader.Invalid(Keys.ClusterId, text, "it is empty"),
            { } text => text.Trim(),
        };

    private static InstanceHostPattern? Derive(ClusterEndpoint endpoint) =>
        InstanceHostPattern.TryDerive(endpoint, out var pattern) ? pattern : null;

    private static string Describe(EndpointKind kind) => kind switch
    {
        EndpointKind.IPv4Address or EndpointKind.IPv6Address => "an IP address",
        EndpointKind.Localhost => "localhost",
        EndpointKind.CustomDomain => "a custom domain",
        _ => $"an RDS endpoint of kind {kind}",
    };
}
