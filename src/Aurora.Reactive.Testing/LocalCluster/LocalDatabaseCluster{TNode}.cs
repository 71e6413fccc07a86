using System.Diagnostics;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// What every local cluster of the kit shares, whatever the database: nodes with roles and states, writer and
/// reader endpoints that follow a writer change late, an emulated control plane, faults (crash, freeze,
/// network cut), failover, and disposal that stops every process it started. <see cref="LocalPostgresCluster"/>
/// and <c>LocalMariaDbCluster</c> add their own start, promotion and replication.
/// </summary>
/// <typeparam name="TNode">The node type.</typeparam>
public abstract partial class LocalDatabaseCluster<TNode> : IAsyncDisposable
    where TNode : LocalClusterNode
{
    private readonly TNode[] nodes;
    private readonly ClusterWatchdog watchdog;
    private readonly SemaphoreSlim operations = new(1, 1);
    private int disposed;

    private protected LocalDatabaseCluster(
        IReadOnlyList<TNode> nodes, string folder, ServerUser user, TimeSpan publicationDelay, TimeSpan repointDelay, Func<int, string> formatConnectionString, ClusterWatchdog watchdog)
    {
        this.nodes = nodes.ToArray();
        Folder = folder;
        this.watchdog = watchdog;
        var writer = this.nodes[0];
        var readers = this.nodes.Skip(1).ToArray();
        WriterEndpoint = new LocalClusterEndpoint("writer", new LoopbackForwarder("writer", [writer.Port]), [writer.InstanceId], formatConnectionString);
        var readerTargets = readers.Length > 0 ? readers : [writer];
        ReaderEndpoint = new LocalClusterEndpoint(
            "reader",
            new LoopbackForwarder("reader", readerTargets.Select(n => n.Port).ToArray()),
            readerTargets.Select(n => n.InstanceId).ToArray(),
            formatConnectionString);
        ControlPlane = new ControlPlane(this.nodes, user, publicationDelay, repointDelay, WriterEndpoint, ReaderEndpoint);
    }

    /// <summary>Every node, in the order of the instance ids given at start.</summary>
    public IReadOnlyList<TNode> Nodes => nodes;

    /// <summary>The node the control plane considers the writer now (updated as soon as a promotion completes).</summary>
    public TNode Writer => nodes.First(n => n.Role == LocalNodeRole.Writer);

    /// <summary>The nodes with the reader role, whatever their state.</summary>
    public IReadOnlyList<TNode> Readers => nodes.Where(n => n.Role == LocalNodeRole.Reader).ToArray();

    /// <summary>The writer "cluster endpoint"; it follows a writer change after the options' <c>EndpointRepointDelay</c>.</summary>
    public LocalClusterEndpoint WriterEndpoint { get; }

    /// <summary>The reader endpoint (round robin over the running readers); it follows changes after the options' <c>EndpointRepointDelay</c>.</summary>
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

    /// <summary>The cluster's folder (node data folders and logs); removed on dispose.</summary>
    public string Folder { get; }

    /// <summary>How long the start took, including a first-time template build or server install.</summary>
    public TimeSpan StartupDuration { get; private protected set; }

    /// <summary>How long the last promotion took, from the promote command until the node accepted writes; <see langword="null"/> before any.</summary>
    public TimeSpan? LastPromotionDuration { get; private protected set; }

    private protected ControlPlane ControlPlane { get; }

    /// <summary>Finds a node by instance id.</summary>
    /// <param name="instanceId">The node's instance id.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public TNode Node(string instanceId) =>
        nodes.FirstOrDefault(n => n.InstanceId == instanceId)
        ?? throw new ArgumentException($"The cluster has no node '{instanceId}'; its nodes are {string.Join(", ", nodes.Select(n => n.InstanceId))}.", nameof(instanceId));

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name} {Path.GetFileName(Folder)}: {string.Join("; ", nodes.Select(n => n.ToString()))}";

    private protected static Stopwatch Measure() => Stopwatch.StartNew();

    private protected TNode Own(TNode node, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(node, parameterName);
        return Array.IndexOf(nodes, node) >= 0
            ? node
            : throw new ArgumentException($"Node {node.InstanceId} does not belong to this cluster ({Path.GetFileName(Folder)}).", parameterName);
    }

    private protected async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
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

    private protected Task ExclusiveAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        ExclusiveAsync(
            async () =>
            {
                await operation().ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Writes every node's settings and starts every server at once. When a start fails because another process
    /// took a server port between our probe and the server's bind, stops what started and tries again on new ports.
    /// </summary>
    private protected async Task StartServersAsync(Action<TNode> writeSettings, Func<TNode, Task> start, Func<TNode, Task> stop)
    {
        for (var attempt = 1; ; attempt++)
        {
            foreach (var node in nodes)
            {
                writeSettings(node);
            }

            try
            {
                await Task.WhenAll(nodes.Select(start)).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && nodes.Any(n => n.LastStartLostItsPort()))
            {
                await Task.WhenAll(nodes.Where(n => n.ProcessId is not null).Select(stop)).ConfigureAwait(false);
                foreach (var node in nodes)
                {
                    node.ReassignServerPort();
                    File.Delete(node.LogFile);
                }
            }
        }
    }

    /// <summary>
    /// The start every kit shares: reaps stale clusters, lets <paramref name="prepare"/> find or install the server
    /// and its template, creates the cluster folder (owned by this process, watched by a watchdog), creates the
    /// cluster and boots it; a cluster whose boot fails is disposed.
    /// </summary>
    /// <param name="prepare">Given the kit folder: the server user, and how to create the cluster in a folder with its watchdog.</param>
    /// <param name="boot">Starts the cluster's servers and replication.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    private protected static async Task<TCluster> LaunchAsync<TCluster>(
        Func<string, Task<(ServerUser User, Func<string, ClusterWatchdog, TCluster> Create)>> prepare,
        Func<TCluster, Task> boot,
        CancellationToken cancellationToken)
        where TCluster : LocalDatabaseCluster<TNode>
    {
        var elapsed = Measure();
        var kitRoot = KitRoot.Ensure(KitRoot.DefaultPath);
        ClusterReaper.ReapStale(kitRoot);
        var (user, create) = await prepare(kitRoot).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var owner = OwnerMarker.ForCurrentProcess();
        var folder = KitRoot.CreateClusterFolder(kitRoot, owner, user);
        var cluster = create(folder, ClusterWatchdog.Start(folder, owner));
        try
        {
            await boot(cluster).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        cluster.StartupDuration = elapsed.Elapsed;
        return cluster;
    }
}
