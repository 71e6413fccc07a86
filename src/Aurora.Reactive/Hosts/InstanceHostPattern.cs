namespace Aurora.Reactive.Hosts;

/// <summary>
/// The <c>cluster_instance_host_pattern</c>: a host name in which <c>?</c> stands for an instance id,
/// optionally followed by <c>:port</c>, e.g. <c>?.my-domain.com</c> or <c>any-subdomain.?.my-domain.com:9999</c>.
/// For RDS endpoints it is derived (<see cref="TryDerive"/>); for IP literals, <c>localhost</c> and custom
/// domains the user must give it (or give <c>cluster_instance_endpoints</c>).
/// </summary>
internal sealed class InstanceHostPattern
{
    /// <summary>The character that stands for the instance id.</summary>
    public const char Placeholder = '?';

    // A stand-in instance id, used to check what host names the pattern makes.
    private const string ProbeInstanceId = "instance-probe";

    private InstanceHostPattern(string text, string hostTemplate, int? port)
    {
        Text = text;
        HostTemplate = hostTemplate;
        Port = port;
    }

    /// <summary>The pattern as given (trimmed).</summary>
    public string Text { get; }

    /// <summary>The host part, with exactly one <c>?</c>.</summary>
    public string HostTemplate { get; }

    /// <summary>The port the pattern names, or <see langword="null"/> to use the connection's port.</summary>
    public int? Port { get; }

    /// <summary>Parses and checks a pattern.</summary>
    /// <param name="pattern">The pattern text.</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The pattern is empty, does not contain exactly one <c>?</c>, has a bad port, does not make valid host names,
    /// or names an RDS endpoint that is not an instance endpoint (proxy, cluster, reader, custom, shard group, global).
    /// The message names the pattern.
    /// </exception>
    public static InstanceHostPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return TryParse(pattern, out var reason)
            ?? throw new ArgumentException($"Instance host pattern '{pattern}' is invalid: {reason}.", nameof(pattern));
    }

    /// <summary>Parses a pattern, or returns <see langword="null"/> and why it is invalid.</summary>
    internal static InstanceHostPattern? TryParse(string pattern, out string? reason)
    {
        reason = null;
        var text = pattern.Trim();
        var placeholders = text.Count(c => c == Placeholder);
        if (placeholders != 1)
        {
            reason = placeholders == 0 ? "it has no '?' standing for the instance id" : $"it has {placeholders} '?', exactly one is allowed";
            return null;
        }

        var colon = text.LastIndexOf(':');
        var hostTemplate = colon < 0 ? text : text[..colon];
        int? port = null;
        if (colon >= 0)
        {
            if (!HostAddressParser.TryParsePort(text[(colon + 1)..], out var p))
            {
                reason = $"port '{text[(colon + 1)..]}' is not a number between 1 and 65535";
                return null;
            }

            port = p;
        }

        if (!hostTemplate.Contains(Placeholder, StringComparison.Ordinal))
        {
            reason = "the '?' must be in the host part, not the port";
            return null;
        }

        var sample = hostTemplate.Replace(Placeholder.ToString(), ProbeInstanceId, StringComparison.Ordinal);
        if (!HostNameSyntax.IsValidHostName(sample))
        {
            reason = "it does not make valid host names";
            return null;
        }

        var kind = ClusterEndpoint.Parse(sample).Kind;
        if (kind is not (EndpointKind.RdsInstance or EndpointKind.CustomDomain or EndpointKind.Localhost))
        {
            reason = $"it makes {kind} endpoints, not instance endpoints";
            return null;
        }

        return new InstanceHostPattern(text, hostTemplate, port);
    }

    /// <summary>
    /// Derives the pattern <c>?.XYZ.REGION.rds.amazonaws.com</c> from an RDS cluster (writer), reader, custom or
    /// instance endpoint, whose instance endpoints share its domain.
    /// </summary>
    /// <param name="endpoint">The classified connection host.</param>
    /// <param name="pattern">The derived pattern, or <see langword="null"/> when it cannot be derived (IP literal,
    /// localhost, custom domain, RDS Proxy, shard group or global endpoint).</param>
    /// <returns>Whether a pattern was derived.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    public static bool TryDerive(ClusterEndpoint endpoint, out InstanceHostPattern? pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        pattern = endpoint.Kind is EndpointKind.ClusterWriter or EndpointKind.ClusterReader or EndpointKind.ClusterCustom or EndpointKind.RdsInstance
            ? Parse($"{Placeholder}.{endpoint.DomainSuffix}")
            : null;
        return pattern is not null;
    }

    /// <summary>Builds the host of one instance.</summary>
    /// <param name="instanceId">The instance id, typically read from a server; validated as a DNS label first.</param>
    /// <param name="defaultPort">The port to use when the pattern names none (the connection's port).</param>
    /// <returns>The instance's host, with <see cref="HostSpec.InstanceId"/> set and role <see cref="HostRole.Unknown"/>.</returns>
    /// <exception cref="InvalidInstanceIdException"><paramref name="instanceId"/> is not a valid DNS label.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultPort"/> is not between 1 and 65535.</exception>
    public HostSpec Resolve(string instanceId, int defaultPort)
    {
        DnsLabel.ValidateInstanceId(instanceId);
        var host = HostTemplate.Replace(Placeholder.ToString(), instanceId, StringComparison.Ordinal);
        return new HostSpec(host, Port ?? defaultPort, instanceId);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
