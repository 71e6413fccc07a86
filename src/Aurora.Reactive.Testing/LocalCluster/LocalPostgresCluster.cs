using System.Diagnostics;

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
public sealed partial class LocalPostgresCluster : IAsyncDisposable
{
    private readonly ClusterContext context;
    private readonly LocalPostgresNode[] nodes;
    private readonly ControlPlane controlPlane;
    private readonly ClusterWatchdog watchdog;
    private readonly SemaphoreSlim operations = new(1, 1);
    private int disposed;

    private LocalPostgresCluster(ClusterContext context, ClusterWatchdog watchdog)
    {
        this.context = context;
        this.watchdog = watchdog;
        nodes = context.InstanceIds
            .Select((id, index) => new LocalPostgresNode(context, id, index == 0 ? LocalNodeRole.Writer : LocalNodeRole.Reader))
            .ToArray();
        var writer = nodes[0];
        var readers = nodes.Skip(1).ToArray();
        WriterEndpoint = new LocalClusterEndpoint("writer", new LoopbackForwarder("writer", [writer.Port]), [writer.InstanceId]);
        var readerTargets = readers.Length > 0 ? readers : [writer];
        ReaderEndpoint = new LocalClusterEndpoint(
            "reader",
            new LoopbackForwarder("reader", readerTargets.Select(n => n.Port).ToArray()),
            readerTargets.Select(n => n.InstanceId).ToArray());
        controlPlane = new ControlPlane(nodes, context.User, context.Options.TopologyPublicationDelay, context.Options.EndpointRepointDelay, WriterEndpoint, ReaderEndpoint);
    }

    /// <summary>Every node, in the order of the instance ids given at start.</summary>
    public IReadOnlyList<LocalPostgresNode> Nodes => nodes;

    /// <summary>The node the control plane considers the writer now (updated as soon as a promotion completes).</summary>
    public LocalPostgresNode Writer => nodes.First(n => n.Role == LocalNodeRole.Writer);

    /// <summary>The nodes with the reader role, whatever their state.</summary>
    public IReadOnlyList<LocalPostgresNode> Readers => nodes.Where(n => n.Role == LocalNodeRole.Reader).ToArray();

    /// <summary>The writer "cluster endpoint"; it follows a writer change after <see cref="LocalPostgresClusterOptions.EndpointRepointDelay"/>.</summary>
    public LocalClusterEndpoint WriterEndpoint { get; }

    /// <summary>The reader endpoint (round robin over the running readers); it follows changes after <see cref="LocalPostgresClusterOptions.EndpointRepointDelay"/>.</summary>
    public LocalClusterEndpoint ReaderEndpoint { get; }

    /// <summary>Connection string of <see cref="WriterEndpoint"/>.</summary>
    public string WriterConnectionString => WriterEndpoint.ConnectionString;

    /// <summary>Connection string of <see cref="ReaderEndpoint"/>.</summary>
    public string ReaderConnectionString => ReaderEndpoint.ConnectionString;

    /// <summary>
    /// Every node's client-facing endpoint as <c>instance-1=127.0.0.1:PORT,instance-2=127.0.0.1:PORT</c>, the value
    /// of the library's <c>cluster_instance_endpoints</c> option (all nodes share 127.0.0.1, so a host pattern cannot tell them apart).
    /// </summary>
    public string InstanceEndpoints => InstanceEndpointsFormat.Format(nodes.Select(n => (n.InstanceId, "127.0.0.1", n.Port)));

    /// <summary>The options the cluster was started with (a copy; changing it has no effect).</summary>
    public LocalPostgresClusterOptions Options => context.Options;

    /// <summary>The cluster's folder (node data folders and logs); removed on dispose.</summary>
    public string Folder => context.Folder;

    /// <summary>How long <see cref="StartAsync"/> took, including a first-time template build or PostgreSQL install.</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>How long the last promotion took, from <c>pg_ctl promote</c> until the node accepted writes; <see langword="null"/> before any.</summary>
    public TimeSpan? LastPromotionDuration { get; private set; }

    /// <summary>Finds a node by instance id.</summary>
    /// <param name="instanceId">The node's instance id.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public LocalPostgresNode Node(string instanceId) =>
        nodes.FirstOrDefault(n => n.InstanceId == instanceId)
        ?? throw new ArgumentException($"The cluster has no node '{instanceId}'; its nodes are {string.Join(", ", nodes.Select(n => n.InstanceId))}.", nameof(instanceId));

    /// <inheritdoc/>
    public override string ToString() => $"LocalPostgresCluster {Path.GetFileName(Folder)}: {string.Join("; ", nodes.Select(n => n.ToString()))}";

    private LocalPostgresNode Own(LocalPostgresNode node, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(node, parameterName);
        return Array.IndexOf(nodes, node) >= 0
            ? node
            : throw new ArgumentException($"Node {node.InstanceId} does not belong to this cluster ({Path.GetFileName(Folder)}).", parameterName);
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            operations.Release();
        }
    }

    private Task ExclusiveAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        ExclusiveAsync(
            async () =>
            {
                await operation().ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static Stopwatch Measure() => Stopwatch.StartNew();
}
