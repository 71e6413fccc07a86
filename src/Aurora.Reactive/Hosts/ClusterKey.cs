namespace Aurora.Reactive.Hosts;

/// <summary>
/// The identity of one cluster, for keying what is shared per cluster (the topology monitor and its cache).
/// Two connection strings get the same key only when they certainly reach the same cluster, so that no
/// cache is ever shared by two clusters: the writer and reader endpoints of a cluster share a key; any
/// other host is keyed by its own name and port (two local clusters on 127.0.0.1 differ by port). An
/// explicit <c>cluster_id</c> overrides the derivation. Keys compare case-insensitively (they are stored in lower case).
/// </summary>
internal sealed record ClusterKey
{
    private ClusterKey(string value) => Value = value;

    /// <summary>The key's text, in lower case, e.g. <c>rds:orders.cluster-xyz.us-east-2.rds.amazonaws.com</c>.</summary>
    public string Value { get; }

    /// <summary>Derives the key of the cluster reached through <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The classified connection host.</param>
    /// <param name="port">The port connected to.</param>
    /// <returns>The cluster key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not between 1 and 65535.</exception>
    public static ClusterKey From(ClusterEndpoint endpoint, int port)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        // XYZ is per account and region, not per cluster, so the cluster name must be part of the key; the
        // reader endpoint is mapped onto its writer endpoint so both reach one shared monitor.
        return endpoint.Kind is EndpointKind.ClusterWriter or EndpointKind.ClusterReader
            ? new ClusterKey($"rds:{endpoint.ClusterName}.cluster-{endpoint.DomainSuffix}:{port}")
            : new ClusterKey($"host:{(endpoint.IsIPAddress && endpoint.Host.Contains(':') ? $"[{endpoint.Host}]" : endpoint.Host).ToLowerInvariant()}:{port}");
    }

    /// <summary>Makes a key from an identifier the user chose (option <c>cluster_id</c>).</summary>
    /// <param name="clusterId">The identifier; any non-blank text.</param>
    /// <returns>The cluster key.</returns>
    /// <exception cref="ArgumentException"><paramref name="clusterId"/> is <see langword="null"/>, empty or blank.</exception>
    public static ClusterKey FromClusterId(string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return new ClusterKey($"id:{clusterId.Trim().ToLowerInvariant()}");
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
