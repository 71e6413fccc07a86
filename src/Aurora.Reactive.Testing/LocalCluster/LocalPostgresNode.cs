using System.Globalization;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// One PostgreSQL server of a <see cref="LocalPostgresCluster"/>. Clients reach it through a loopback
/// forwarder on <see cref="Port"/> (so the network to it can be cut); replication uses the real
/// <see cref="ServerPort"/>.
/// </summary>
public sealed partial class LocalPostgresNode
{
    private readonly ClusterContext context;

    internal LocalPostgresNode(ClusterContext context, string instanceId, LocalNodeRole role)
    {
        this.context = context;
        InstanceId = instanceId;
        Role = role;
        State = LocalNodeState.Stopped;
        ServerPort = FreePort.Next();
        Forwarder = new LoopbackForwarder(instanceId, [ServerPort]);
        Folder = Path.Combine(context.Folder, instanceId);
        DataDirectory = Path.Combine(Folder, "data");
        LogFile = Path.Combine(Folder, "server.log");
    }

    /// <summary>The node's instance id, as <c>aurora_db_instance_identifier()</c> returns it.</summary>
    public string InstanceId { get; }

    /// <summary>The client-facing loopback port (the node's forwarder).</summary>
    public int Port => Forwarder.Port;

    /// <summary>The port the server itself listens on; bypasses network cuts. Replication uses it.</summary>
    public int ServerPort { get; private set; }

    /// <summary><c>127.0.0.1:PORT</c> with the client-facing port.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>An Npgsql connection string to the node through its forwarder, as the superuser <c>postgres</c> (trust authentication on loopback, no password).</summary>
    public string ConnectionString => LocalClusterEndpoint.FormatConnectionString(Port);

    /// <summary>An Npgsql connection string to the server's real port, unaffected by network cuts.</summary>
    public string ServerConnectionString => LocalClusterEndpoint.FormatConnectionString(ServerPort);

    /// <summary>The role the control plane gives the node now.</summary>
    public LocalNodeRole Role { get; internal set; }

    /// <summary>What the node's server process is doing now.</summary>
    public LocalNodeState State { get; internal set; }

    /// <summary>The postmaster's process id while it runs or is frozen; otherwise <see langword="null"/>.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>The server's data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's log file.</summary>
    public string LogFile { get; }

    /// <summary>When the node last stopped running or froze; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? DownSince { get; internal set; }

    internal string Folder { get; }

    internal LoopbackForwarder Forwarder { get; }

    internal ClusterContext Context => context;

    /// <inheritdoc/>
    public override string ToString() => $"{InstanceId}@{Endpoint} ({Role}, {State})";
}
