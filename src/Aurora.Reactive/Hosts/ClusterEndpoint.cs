using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aurora.Reactive.Hosts;

/// <summary>
/// A connection host classified: which kind of endpoint it is (Aurora cluster, reader, custom, RDS Proxy,
/// instance, Limitless, global, IP literal, localhost or a custom domain) and, for RDS endpoints, the parts
/// of its name. Comparison of names is case-insensitive; the parts are kept in lower case.
/// </summary>
internal sealed class ClusterEndpoint
{
    internal ClusterEndpoint(string host, EndpointKind kind)
    {
        Host = host;
        Kind = kind;
    }

    /// <summary>The host as given, without IPv6 brackets and without a trailing dot.</summary>
    public string Host { get; }

    /// <summary>What kind of endpoint <see cref="Host"/> is.</summary>
    public EndpointKind Kind { get; }

    /// <summary>The AWS partition of an RDS endpoint; <see cref="RdsPartition.None"/> for every other host.</summary>
    public RdsPartition Partition { get; init; }

    /// <summary>
    /// For cluster, reader, custom, proxy, shard group and global endpoints: the name in front of the kind
    /// label (<c>NAME</c> in <c>NAME.cluster-XYZ...</c>), in lower case; otherwise <see langword="null"/>.
    /// For a custom endpoint this is the custom endpoint's own name, not the cluster's.
    /// </summary>
    public string? ClusterName { get; init; }

    /// <summary>For an RDS instance endpoint: the DB instance identifier, in lower case; otherwise <see langword="null"/>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>
    /// For RDS endpoints: the <c>XYZ</c> label, which AWS derives from the account and region (it is shared by
    /// every cluster of that account in that region, so it does not identify one cluster); otherwise <see langword="null"/>.
    /// </summary>
    public string? ClusterId { get; init; }

    /// <summary>For RDS endpoints: the AWS region, such as <c>us-east-2</c>; <see langword="null"/> for global endpoints and non-RDS hosts.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// For RDS endpoints: the domain shared with the cluster's instance endpoints, such as
    /// <c>xyz.us-east-2.rds.amazonaws.com</c> (everything after the name and the kind prefix); otherwise <see langword="null"/>.
    /// </summary>
    public string? DomainSuffix { get; init; }

    /// <summary>Whether the host is an RDS endpoint of any kind.</summary>
    public bool IsRds => Partition != RdsPartition.None;

    /// <summary>Whether the host is an IPv4 or IPv6 literal.</summary>
    public bool IsIPAddress => Kind is EndpointKind.IPv4Address or EndpointKind.IPv6Address;

    /// <summary>
    /// Classifies a connection host. IPv6 literals may be given with or without brackets; a trailing dot is ignored;
    /// letters may be in any case.
    /// </summary>
    /// <param name="host">A host name or IP literal, without a port.</param>
    /// <returns>The classified endpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty or is neither an IP literal nor a valid host name; the message names it.</exception>
    public static ClusterEndpoint Parse(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var trimmed = host.Trim();
        if (trimmed.Length > 2 && trimmed[0] == '[' && trimmed[^1] == ']')
        {
            var inside = trimmed[1..^1];
            return IsIPv6(inside)
                ? new ClusterEndpoint(inside, EndpointKind.IPv6Address)
                : throw new ArgumentException($"Host '{host}' is bracketed but is not an IPv6 address.", nameof(host));
        }

        if (IsIPv6(trimmed))
        {
            return new ClusterEndpoint(trimmed, EndpointKind.IPv6Address);
        }

        if (trimmed.EndsWith('.'))
        {
            trimmed = trimmed[..^1];
        }

        if (!HostNameSyntax.IsValidHostName(trimmed))
        {
            throw new ArgumentException($"Host '{host}' is not a valid host name or IP address.", nameof(host));
        }

        if (IsIPv4(trimmed))
        {
            return new ClusterEndpoint(trimmed, EndpointKind.IPv4Address);
        }

        if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ClusterEndpoint(trimmed, EndpointKind.Localhost);
        }

        return RdsHostNameParser.TryParse(trimmed) ?? new ClusterEndpoint(trimmed, EndpointKind.CustomDomain);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        EndpointKind.RdsInstance => $"{Host} ({Kind} '{InstanceId}', {Partition} {Region})",
        _ when IsRds => $"{Host} ({Kind} '{ClusterName}', {Partition} {Region ?? "global"})",
        _ => $"{Host} ({Kind})",
    };

    private static bool IsIPv6(string text) =>
        text.Contains(':', StringComparison.Ordinal)
        && IPAddress.TryParse(text, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    // IPAddress.TryParse also takes "1" or "1.2" as IPv4, so insist on four decimal parts.
    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3
            && p.All(char.IsAsciiDigit)
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
