namespace Aurora.Reactive.Hosts;

/// <summary>
/// The <c>cluster_instance_endpoints</c> option: an explicit endpoint per instance id, for clusters whose nodes
/// share no naming scheme (a local or self-managed cluster where every node is <c>127.0.0.1</c> on its own port).
/// Text form: <c>instance-1=127.0.0.1:5433,instance-2=[::1]:5434,instance-3=db3.internal</c>; an entry without a
/// port uses <see cref="DefaultPort"/>. Instance ids compare case-insensitively. When given, the map takes
/// precedence over any host pattern.
/// </summary>
internal sealed class InstanceEndpointMap : IInstanceEndpointResolver
{
    private readonly Dictionary<string, (string Host, int? Port)> _endpoints;

    private InstanceEndpointMap(string text, Dictionary<string, (string Host, int? Port)> endpoints, int defaultPort)
    {
        Text = text;
        _endpoints = endpoints;
        DefaultPort = defaultPort;
    }

    /// <summary>The text the map was parsed from.</summary>
    public string Text { get; }

    /// <summary>The port for entries that name none.</summary>
    public int DefaultPort { get; }

    /// <summary>The listed instance ids, in the order given.</summary>
    public IReadOnlyCollection<string> InstanceIds => _endpoints.Keys;

    /// <summary>Parses the map.</summary>
    /// <param name="text">Comma-separated <c>instanceId=host[:port]</c> entries; IPv6 literals in brackets when a port follows.</param>
    /// <param name="defaultPort">The port for entries that name none.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultPort"/> is not between 1 and 65535.</exception>
    /// <exception cref="ArgumentException">
    /// The map is empty, an entry lacks <c>=</c>, an instance id is not a valid DNS label or is listed twice, or a host or
    /// port is malformed. The message names the entry.
    /// </exception>
    public static InstanceEndpointMap Parse(string text, int defaultPort)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(defaultPort, 65535);
        return TryParse(text, defaultPort, out var reason)
            ?? throw new ArgumentException($"{AuroraOptionKeysText} value '{text}' is invalid: {reason}.", nameof(text));
    }

    /// <summary>Parses the map, or returns <see langword="null"/> and why it is invalid.</summary>
    internal static InstanceEndpointMap? TryParse(string text, int defaultPort, out string? reason)
    {
        var endpoints = new Dictionary<string, (string Host, int? Port)>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawEntry in text.Split(','))
        {
            var entry = rawEntry.Trim();
            reason = TryAddEntry(endpoints, entry);
            if (reason is not null)
            {
                reason = $"entry '{entry}': {reason}";
                return null;
            }
        }

        reason = null;
        return new InstanceEndpointMap(text.Trim(), endpoints, defaultPort);
    }

    /// <inheritdoc/>
    public HostSpec Resolve(string instanceId)
    {
        DnsLabel.ValidateInstanceId(instanceId);
        return _endpoints.TryGetValue(instanceId, out var endpoint)
            ? new HostSpec(endpoint.Host, endpoint.Port ?? DefaultPort, instanceId)
            : throw new InstanceEndpointNotFoundException(instanceId, _endpoints.Keys);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private const string AuroraOptionKeysText = "cluster_instance_endpoints";

    private static string? TryAddEntry(Dictionary<string, (string Host, int? Port)> endpoints, string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return "expected instanceId=host:port";
        }

        var instanceId = entry[..equals].Trim();
        if (!DnsLabel.IsValid(instanceId))
        {
            return $"instance id '{instanceId}' is not a valid DNS label";
        }

        var address = HostAddressParser.TryParse(entry[(equals + 1)..], out var error);
        if (address is null)
        {
            return error;
        }

        if (!IsHost(address.Value.Host))
        {
            return $"'{address.Value.Host}' is not a valid host name or IP address";
        }

        return endpoints.TryAdd(instanceId, address.Value) ? null : $"instance id '{instanceId}' is listed twice";
    }

    private static bool IsHost(string host)
    {
        try
        {
            ClusterEndpoint.Parse(host);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
