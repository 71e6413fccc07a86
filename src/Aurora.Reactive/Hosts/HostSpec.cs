namespace Aurora.Reactive.Hosts;

/// <summary>
/// One database node as the library knows it: where to reach it, which instance it is, the role it
/// plays and what the last topology read said about it. Immutable; which node it is (whatever its role
/// and metrics) is its <see cref="Node"/>.
/// </summary>
public sealed record HostSpec
{
    /// <summary>Creates a host specification.</summary>
    /// <param name="host">Host name or IP literal used to connect.</param>
    /// <param name="port">TCP port, 1 to 65535.</param>
    /// <param name="instanceId">The cluster's identifier for this node, when known.</param>
    /// <param name="role">The node's role, when known.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a TCP port.</exception>
    public HostSpec(string host, int port, string? instanceId = null, HostRole role = HostRole.Unknown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} of host '{host}' is not between 1 and 65535.");
        }

        Host = host;
        Port = port;
        InstanceId = instanceId;
        Role = role;
    }

    /// <summary>Host name or IP literal used to connect.</summary>
    public string Host { get; }

    /// <summary>TCP port.</summary>
    public int Port { get; }

    /// <summary>The cluster's identifier for this node (Aurora's SERVER_ID), or <see langword="null"/> when not known.</summary>
    public string? InstanceId { get; }

    /// <summary>The node's role as last reported.</summary>
    public HostRole Role { get; init; }

    /// <summary>Replica lag reported by the topology, or <see langword="null"/> when not reported.</summary>
    public TimeSpan? ReplicaLag { get; init; }

    /// <summary>CPU use in percent reported by the topology, or <see langword="null"/> when not reported.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>When the cluster last updated this node's topology row, or <see langword="null"/> when not reported.</summary>
    public DateTimeOffset? LastUpdate { get; init; }

    /// <summary><c>host:port</c>, the form used in messages and as a key.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Which node this is: its instance id when known, its endpoint otherwise.</summary>
    internal NodeId Node => NodeId.Of(this);

    /// <inheritdoc/>
    public override string ToString() =>
        InstanceId is null ? $"{Endpoint} ({Role})" : $"{InstanceId}@{Endpoint} ({Role})";
}
