using System.Globalization;
using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// One MariaDB server of a <see cref="LocalMariaDbCluster"/>, run as the <c>mysql</c> user when the process is
/// root. Clients reach it through a loopback forwarder on <see cref="LocalClusterNode.Port"/> (so the network to
/// it can be cut); replication uses the real <see cref="LocalClusterNode.ServerPort"/>.
/// </summary>
public sealed class LocalMariaDbNode : LocalClusterNode
{
    private readonly MariaDbContext context;

    internal LocalMariaDbNode(MariaDbContext context, string instanceId, int serverId, LocalNodeRole role)
        : base(instanceId, role, context.Folder, context.User, context.Timeout)
    {
        this.context = context;
        ServerId = serverId;
    }

    /// <summary>The node's <c>@@server_id</c>, unique in the cluster; its <c>@@report_host</c> is the instance id.</summary>
    public int ServerId { get; }

    /// <summary>
    /// A MySQL connection string (for MySql.Data or MySqlConnector) to the node through its forwarder, as the kit's client
    /// user <c>aurora</c> (no password; every privilege but <c>READ_ONLY ADMIN</c>, so a reader refuses its writes), database <c>app</c>.
    /// </summary>
    public override string ConnectionString => MariaDbSql.ClientConnectionString(Port);

    /// <summary>The same as <see cref="ConnectionString"/> to the server's real port, unaffected by network cuts.</summary>
    public override string ServerConnectionString => MariaDbSql.ClientConnectionString(ServerPort);

    private protected override string PortTakenLogText => "Address already in use";

    private string OptionFile => Path.Combine(Folder, MariaDbConfiguration.FileName);

    /// <summary>Writes the node's option file; a reader starts read-only.</summary>
    internal void WriteSettings()
    {
        WriteOwned(OptionFile, MariaDbConfiguration.Format(
            MariaDbConfiguration.NodeSettings(Folder, DataDirectory, ServerPort, ServerId, InstanceId, readOnly: Role == LocalNodeRole.Reader)));
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    internal async Task StartServerAsync(CancellationToken cancellationToken) =>
        MarkUp(await MariaDbServerProcess.StartAsync(context.Binaries, User, OptionFile, LogFile, ServerPort, Folder, OperationTimeout, cancellationToken).ConfigureAwait(false));

    /// <summary>The node this one replicates from, or <see langword="null"/> for a writer (or an old writer left alone after a failover).</summary>
    public LocalMariaDbNode? Upstream { get; private set; }

    /// <summary>Makes the server replicate from <paramref name="source"/> by GTID, from where its own history ends.</summary>
    internal async Task ReplicateFromAsync(LocalMariaDbNode source, CancellationToken cancellationToken)
    {
        await MariaDbSql.ExecuteAsync(
            ServerPort,
            [
                "STOP SLAVE",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={source.ServerPort}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos"),
                "SET GLOBAL read_only = ON",
                "START SLAVE",
            ],
            cancellationToken).ConfigureAwait(false);
        Upstream = source;
    }

    /// <summary>Stops replication for good and accepts writes: <c>STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF</c>.</summary>
    internal async Task BecomeWriterAsync(CancellationToken cancellationToken)
    {
        await MariaDbSql.ExecuteAsync(ServerPort, ["STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only = OFF"], cancellationToken).ConfigureAwait(false);
        Upstream = null;
    }

    /// <summary>Whether both replication threads run (status <c>Slave_running</c>; <c>SHOW SLAVE STATUS</c> has columns MySql.Data cannot read).</summary>
    internal async Task<bool> IsReplicatingAsync(CancellationToken cancellationToken) =>
        Equals("ON", await MariaDbSql.ScalarAsync(
            ServerPort,
            "SELECT CAST(VARIABLE_VALUE AS CHAR) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'SLAVE_RUNNING'",
            cancellationToken).ConfigureAwait(false));

    /// <summary>The highest GTID sequence number this server has (received or written), for choosing the most advanced reader.</summary>
    internal async Task<long> GtidSequenceAsync(CancellationToken cancellationToken)
    {
        var position = Convert.ToString(await MariaDbSql.ScalarAsync(ServerPort, "SELECT CAST(@@gtid_current_pos AS CHAR)", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return GtidPosition.HighestSequence(position);
    }
}
