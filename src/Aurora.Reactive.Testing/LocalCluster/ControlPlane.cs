namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>
/// The kit's stand-in for Aurora's control plane: after a topology change (a new writer, a reader back) it publishes the new topology
/// to every node's emulated Aurora topology (<c>aurora_replica_status()</c>, <c>replica_host_status</c>) after the publication delay, and re-points the writer
/// and reader endpoints after the endpoint delay. Each change is applied in the order it happened.
/// </summary>
internal sealed class ControlPlane : IAsyncDisposable
{
    private readonly IReadOnlyList<LocalClusterNode> nodes;
    private readonly ServerUser user;
    private readonly TimeSpan publicationDelay;
    private readonly TimeSpan repointDelay;
    private readonly LocalClusterEndpoint writerEndpoint;
    private readonly LocalClusterEndpoint readerEndpoint;
    private readonly CancellationTokenSource stopping = new();
    private readonly object sync = new();
    private readonly List<Task> pending = [];
    private long publishSequence;
    private long publishedSequence;
    private long repointSequence;
    private long repointedSequence;

    internal ControlPlane(
        IReadOnlyList<LocalClusterNode> nodes,
        ServerUser user,
        TimeSpan publicationDelay,
        TimeSpan repointDelay,
        LocalClusterEndpoint writerEndpoint,
        LocalClusterEndpoint readerEndpoint)
    {
        this.nodes = nodes;
        this.user = user;
        this.publicationDelay = publicationDelay;
        this.repointDelay = repointDelay;
        this.writerEndpoint = writerEndpoint;
        this.readerEndpoint = readerEndpoint;
    }

    /// <summary>The rows last published to every node.</summary>
    internal IReadOnlyList<AuroraReplicaStatusRow> Published { get; private set; } = [];

    /// <summary>The rows that describe the nodes' roles and states now.</summary>
    internal IReadOnlyList<AuroraReplicaStatusRow> CurrentRows() =>
        nodes.OrderBy(n => n.Role).Select(n => new AuroraReplicaStatusRow(n.InstanceId, n.Role == LocalNodeRole.Writer)
        {
            IsLive = n.State == LocalNodeState.Running,
            LastUpdateTimestamp = n.DownSince,
        }).ToArray();

    /// <summary>Publishes <paramref name="rows"/> now, to <paramref name="only"/> or to every node; a later automatic publication still replaces them.</summary>
    internal void PublishNow(IReadOnlyList<AuroraReplicaStatusRow> rows, LocalClusterNode? only = null)
    {
        lock (sync)
        {
            foreach (var node in only is null ? nodes : [only])
            {
                TopologyFile.Write(node.DataDirectory, rows, user);
            }

            if (only is null)
            {
                Published = rows;
            }
        }
    }

    /// <summary>Writes the last published rows to one node again (after its data folder was replaced).</summary>
    internal void Republish(LocalClusterNode node)
    {
        lock (sync)
        {
            TopologyFile.Write(node.DataDirectory, Published, user);
        }
    }

    /// <summary>Schedules publication and endpoint re-pointing for the roles as they are now.</summary>
    internal void OnTopologyChanged()
    {
        var rows = CurrentRows();
        var writer = nodes.Where(n => n.Role == LocalNodeRole.Writer).ToArray();
        var readers = nodes.Where(n => n.Role == LocalNodeRole.Reader && n.State == LocalNodeState.Running).ToArray();
        long publishNumber;
        long repointNumber;
        lock (sync)
        {
            publishNumber = ++publishSequence;
            repointNumber = ++repointSequence;
        }

        Schedule(publicationDelay, () =>
        {
            lock (sync)
            {
                if (publishNumber > publishedSequence)
                {
                    publishedSequence = publishNumber;
                    foreach (var node in nodes)
                    {
                        TopologyFile.Write(node.DataDirectory, rows, user);
                    }

                    Published = rows;
                }
            }
        });
        Schedule(repointDelay, () =>
        {
            lock (sync)
            {
                if (repointNumber > repointedSequence)
                {
                    repointedSequence = repointNumber;
                    writerEndpoint.Repoint(writer);
                    readerEndpoint.Repoint(readers.Length > 0 ? readers : writer);
                }
            }
        });
    }

    /// <summary>Waits until every scheduled publication and re-point has happened.</summary>
    internal async Task WhenSettledAsync()
    {
        Task[] tasks;
        lock (sync)
        {
            tasks = pending.ToArray();
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Cancels what is still scheduled.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] tasks;
        lock (sync)
        {
            tasks = pending.ToArray();
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        stopping.Dispose();
    }

    private void Schedule(TimeSpan delay, Action action)
    {
        var task = RunLaterAsync(delay, action);
        lock (sync)
        {
            pending.RemoveAll(t => t.IsCompleted);
            pending.Add(task);
        }
    }

    private async Task RunLaterAsync(TimeSpan delay, Action action)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, stopping.Token).ConfigureAwait(false);
            }

            action();
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // A node folder vanished during disposal; nothing left to publish to.
        }
    }
}
