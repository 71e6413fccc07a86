using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A cluster-level endpoint like Aurora's cluster (writer) or reader endpoint: a loopback forwarder
/// the control plane re-points, after the cluster options' <c>EndpointRepointDelay</c>,
/// when the writer changes. Connections made before a re-point stay where they were.
/// </summary>
public sealed class LocalClusterEndpoint
{
    private volatile IReadOnlyList<string> targetInstanceIds;

    private readonly Func<int, string> formatConnectionString;

    internal LocalClusterEndpoint(string name, LoopbackForwarder forwarder, IReadOnlyList<string> targetInstanceIds, Func<int, string>? formatConnectionString = null)
    {
        this.formatConnectionString = formatConnectionString ?? FormatConnectionString;
        Name = name;
        Forwarder = forwarder;
        this.targetInstanceIds = targetInstanceIds;
    }

    /// <summary><c>writer</c> or <c>reader</c>.</summary>
    public string Name { get; }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => Forwarder.Port;

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>
    /// A connection string to this endpoint: for a PostgreSQL cluster an Npgsql one as the superuser <c>postgres</c>,
    /// for a MariaDB cluster a MySQL one as the kit's client user (no password either way).
    /// </summary>
    public string ConnectionString => formatConnectionString(Port);

    /// <summary>The instance ids new connections go to now (several for the reader endpoint: round robin).</summary>
    public IReadOnlyList<string> TargetInstanceIds => targetInstanceIds;

    internal LoopbackForwarder Forwarder { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} endpoint {Endpoint} -> {string.Join(", ", TargetInstanceIds)}";

    internal static string FormatConnectionString(int port) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");

    internal void Repoint(IReadOnlyList<LocalClusterNode> nodes)
    {
        targetInstanceIds = nodes.Select(n => n.InstanceId).ToArray();
        Forwarder.SetTargets(nodes.Select(n => n.Port).ToArray());
    }
}
