namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// A real PostgreSQL cluster on loopback for tests: one primary and hot standbys by streaming
/// replication, dressed as Aurora (instance ids, <c>aurora_replica_status()</c>, writer and reader
/// endpoints that follow a failover late), with methods that break it the way Aurora breaks: crash,
/// freeze, network cut, promotion, failover, switchover. Start one with <see cref="StartAsync"/>; dispose
/// it to stop every process it started and remove its folder.
/// </summary>
/// <remarks>
/// Servers run as the <c>postgres</c> user when the process is root. Data lives under
/// <c>aurora-reactive-kit</c> in the temporary folder; clusters left behind by a test host that died are
/// removed by a watchdog within seconds and by the next cluster start. Operations that change the
/// cluster (faults, promotions) run one at a time.
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresClusterOptions { TopologyPublicationDelay = TimeSpan.FromSeconds(2) });
/// // cluster.WriterConnectionString, cluster.InstanceEndpoints ("instance-1=127.0.0.1:PORT,...") go to the client under test.
/// var newWriter = await cluster.FailoverAsync(FailoverFault.Crash);
/// </code>
/// </example>
public sealed partial class LocalPostgresCluster : LocalDatabaseCluster<LocalPostgresNode>
{
    private readonly ClusterContext context;

    private LocalPostgresCluster(ClusterContext context, ClusterWatchdog watchdog)
        : base(
            context.InstanceIds.Select((id, index) => new LocalPostgresNode(context, id, index == 0 ? LocalNodeRole.Writer : LocalNodeRole.Reader)).ToArray(),
            context.Folder,
            context.User,
            context.Options.TopologyPublicationDelay,
            context.Options.EndpointRepointDelay,
            LocalClusterEndpoint.FormatConnectionString,
            watchdog)
    {
        this.context = context;
    }

    /// <summary>The options the cluster was started with (a copy; changing it has no effect).</summary>
    public LocalPostgresClusterOptions Options => context.Options;
}
