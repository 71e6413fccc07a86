using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>
/// A real MariaDB cluster on loopback for tests: one primary and replicas by GTID replication, dressed as
/// Aurora MySQL where MariaDB can be (instance ids as <c>@@report_host</c>, a view
/// <c>aurora_emulation.replica_host_status</c> with the columns of Aurora's topology table, writer and reader
/// endpoints that follow a failover late), with the faults of the PostgreSQL kit: crash, freeze, network cut,
/// promotion, failover. Start one with <see cref="StartAsync"/>; dispose it to stop every server it started and
/// remove its folder.
/// </summary>
/// <remarks>
/// Servers run as the <c>mysql</c> user when the process is root; as root the kit installs <c>mariadb-server</c>
/// when it is missing. Data lives under <c>aurora-reactive-kit</c> in the temporary folder; clusters left behind
/// by a test host that died are removed by a watchdog within seconds and by the next cluster start (of either kit).
/// Clients connect as <c>aurora</c> (no password), which a read-only replica refuses writes with error 1290.
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = await LocalMariaDbCluster.StartAsync(new LocalMariaDbClusterOptions { ReaderCount = 2 });
/// // cluster.WriterConnectionString ("Server=127.0.0.1;Port=...;User ID=aurora;Database=app;CharacterSet=utf8mb4;...")
/// var newWriter = await cluster.FailoverAsync(FailoverFault.Crash, delayBeforePromotion: TimeSpan.FromSeconds(1));
/// </code>
/// </example>
public sealed partial class LocalMariaDbCluster : LocalDatabaseCluster<LocalMariaDbNode>
{
    private readonly MariaDbContext context;

    private LocalMariaDbCluster(MariaDbContext context, ClusterWatchdog watchdog)
        : base(
            context.InstanceIds.Select((id, index) => new LocalMariaDbNode(context, id, index + 1, index == 0 ? LocalNodeRole.Writer : LocalNodeRole.Reader)).ToArray(),
            context.Folder,
            context.User,
            context.Options.TopologyPublicationDelay,
            context.Options.EndpointRepointDelay,
            MariaDbSql.ClientConnectionString,
            watchdog)
    {
        this.context = context;
    }

    /// <summary>The options the cluster was started with (a copy; changing it has no effect).</summary>
    public LocalMariaDbClusterOptions Options => context.Options;

    /// <summary>The schema whose <c>replica_host_status</c> view stands in for Aurora MySQL's <c>information_schema.replica_host_status</c>.</summary>
    public static string AuroraEmulationSchema => MariaDbEmulationSql.EmulationSchema;
}
