namespace Aurora.Reactive.Hosts;

/// <summary>
/// Which node a host is, the one identity rule of the library: the node's instance id when it is known, its
/// endpoint (<c>host:port</c>, the host name in any case) otherwise. Two ids are equal when both are the same
/// instance id, or both the same endpoint; role, metrics and the address an instance was reached through do not count.
/// </summary>
/// <remarks>
/// A host without an instance id (a host of the connection string, a connection opened before the topology was known)
/// is resolved against the nodes known at that moment (<see cref="Of(HostSpec, IEnumerable{HostSpec}?)"/>): it is the
/// known node with an instance id at its endpoint, and stays its endpoint when there is none (a cluster endpoint).
/// </remarks>
internal readonly record struct NodeId
{
    private NodeId(string? instanceId, string? endpoint)
    {
        InstanceId = instanceId;
        Endpoint = endpoint;
    }

    /// <summary>The instance id, or <see langword="null"/> for a node known only by its endpoint.</summary>
    public string? InstanceId { get; }

    /// <summary>The endpoint in lower case, or <see langword="null"/> for a node known by its instance id.</summary>
    public string? Endpoint { get; }

    /// <summary>The node <paramref name="host"/> is, by its own instance id or else its endpoint.</summary>
    public static NodeId Of(HostSpec host) =>
        host.InstanceId is { } id ? new NodeId(id, null) : At(host);

    /// <summary>
    /// The node <paramref name="host"/> is, a host without an instance id taking the id of the node in
    /// <paramref name="known"/> at its endpoint (the topology's rows, the configured instances).
    /// </summary>
    public static NodeId Of(HostSpec host, IEnumerable<HostSpec>? known) =>
        host.InstanceId is null && known is not null && known.FirstOrDefault(k => k.InstanceId is not null && At(k) == At(host)) is { } row
            ? Of(row)
            : Of(host);

    /// <summary>As <see cref="Of(HostSpec, IEnumerable{HostSpec}?)"/>, against the nodes of a topology snapshot (none when <see langword="null"/>).</summary>
    public static NodeId Of(HostSpec host, Topology.TopologySnapshot? topology) => Of(host, topology?.Hosts);

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> are one node, each resolved against the other: the same
    /// instance id, or the same endpoint when one of them (or both) has no instance id. Hosts at one endpoint with two
    /// instance ids are two nodes (an endpoint that forwarded to each in turn).
    /// </summary>
    public static bool Same(HostSpec a, HostSpec b) => Of(a, [b]) == Of(b, [a]);

    /// <summary>
    /// The node reached at <paramref name="host"/>'s endpoint, whatever its instance id: the key of what is tied to an
    /// address (a connection attempt, a probe) rather than to a node.
    /// </summary>
    public static NodeId At(HostSpec host) => new(null, host.Endpoint.ToLowerInvariant());

    /// <inheritdoc/>
    public override string ToString() => InstanceId ?? Endpoint ?? string.Empty;
}
