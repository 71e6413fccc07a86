namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// One PostgreSQL server of a <see cref="LocalPostgresCluster"/>. Clients reach it through a loopback
/// forwarder on <see cref="LocalClusterNode.Port"/> (so the network to it can be cut); replication uses
/// the real <see cref="LocalClusterNode.ServerPort"/>.
/// </summary>
public sealed partial class LocalPostgresNode : LocalClusterNode
{
    private readonly ClusterContext context;

    internal LocalPostgresNode(ClusterContext context, string instanceId, LocalNodeRole role)
        : base(instanceId, role, context.Folder, context.User, context.Timeout)
    {
        this.context = context;
    }

    /// <summary>An Npgsql connection string to the node through its forwarder, as the superuser <c>postgres</c> (trust authentication on loopback, no password).</summary>
    public override string ConnectionString => LocalClusterEndpoint.FormatConnectionString(Port);

    /// <summary>An Npgsql connection string to the server's real port, unaffected by network cuts.</summary>
    public override string ServerConnectionString => LocalClusterEndpoint.FormatConnectionString(ServerPort);

    internal ClusterContext Context => context;

    private protected override string PortTakenLogText => "could not bind";
}
