using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Options;

/// <summary>
/// A connection string split into what this library reads and what goes to the database driver: the
/// <see cref="Options"/> (with endpoint-dependent defaults resolved), the <see cref="DriverConnectionString"/>
/// without our keys, the settings for monitoring connections (<c>monitoring_</c> keys), the hosts, the classified
/// <see cref="Endpoint"/> and the <see cref="ClusterKey"/>. <see cref="ToString"/> never shows a password.
/// </summary>
internal sealed class AuroraConnectionString
{
    private readonly string _maskedDriver;
    private readonly string _maskedMonitoring;

    internal AuroraConnectionString(AuroraConnectionStringParts parts)
    {
        Options = parts.Options;
        DriverConnectionString = parts.DriverConnectionString;
        MonitoringConnectionString = parts.MonitoringConnectionString;
        MonitoringSettings = parts.MonitoringSettings;
        Hosts = parts.Hosts;
        Endpoint = parts.Endpoint;
        ClusterKey = parts.ClusterKey;
        InstanceEndpoints = parts.InstanceEndpoints;
        _maskedDriver = parts.MaskedDriverConnectionString;
        _maskedMonitoring = parts.MaskedMonitoringConnectionString;
    }

    /// <summary>The library's settings.</summary>
    public AuroraOptions Options { get; }

    /// <summary>The connection string for the driver: every key that is not ours and not a monitoring key. Holds the password when one was given.</summary>
    public string DriverConnectionString { get; }

    /// <summary>The connection string for monitoring connections: <see cref="DriverConnectionString"/> with the <see cref="MonitoringSettings"/> applied over it. Holds the password when one was given.</summary>
    public string MonitoringConnectionString { get; }

    /// <summary>The <c>monitoring_</c> (or <c>monitoring-</c>) keys, without the prefix, with their values; keys as the connection-string parser gives them (lower case).</summary>
    public IReadOnlyDictionary<string, string> MonitoringSettings { get; }

    /// <summary>The hosts of the driver's host key (<c>Host</c>, <c>Server</c>, <c>Data Source</c>...), in order, each with its port.</summary>
    public IReadOnlyList<HostSpec> Hosts { get; }

    /// <summary>The first host, the one the endpoint classification and cluster key are derived from.</summary>
    public HostSpec InitialHost => Hosts[0];

    /// <summary>The classified first host.</summary>
    public ClusterEndpoint Endpoint { get; }

    /// <summary>The identity of the cluster, for sharing monitors (from <c>cluster_id</c> when given).</summary>
    public ClusterKey ClusterKey { get; }

    /// <summary>
    /// How instance ids become hosts: the explicit <c>cluster_instance_endpoints</c> when given, else the host pattern
    /// (given or derived) with the first host's port as default; <see langword="null"/> when neither exists (failover off, or a
    /// host list the plain-PostgreSQL dialect reads roles from). Use <c>resolver.Resolve</c> as a <c>Func&lt;string, HostSpec&gt;</c>.
    /// </summary>
    public IInstanceEndpointResolver? InstanceEndpoints { get; }

    /// <summary>Splits and checks a connection string.</summary>
    /// <param name="connectionString">The connection string with our keys and the driver's.</param>
    /// <param name="defaultPort">The port for hosts the connection string gives none for (5432 for PostgreSQL, 3306 for MySQL).</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultPort"/> is not between 1 and 65535.</exception>
    /// <exception cref="ArgumentException">
    /// The connection string is malformed (the message gives the 0-based position and the key where one is known; no value
    /// is repeated: it may be a password); it names no host; a value of
    /// ours is invalid or empty (the message names the key and the value); a key of ours is given more than once (in any spellings); or failover is
    /// on, the host is an IP literal, <c>localhost</c> or a custom domain, and neither <c>cluster_instance_host_pattern</c> nor
    /// <c>cluster_instance_endpoints</c> is given.
    /// </exception>
    public static AuroraConnectionString Parse(string connectionString, int defaultPort = 5432)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(defaultPort, 65535);
        return new AuroraConnectionString(AuroraConnectionStringParser.Parse(connectionString, defaultPort));
    }

    /// <summary>Settings, endpoint, cluster key and the driver and monitoring connection strings with every password masked.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() =>
        $"{Options}; endpoint: {Endpoint}; cluster key: {ClusterKey}; driver: {_maskedDriver}; monitoring: {_maskedMonitoring}";
}
