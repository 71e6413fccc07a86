using System.Data.Common;
using System.Globalization;
using System.Reactive.Concurrency;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Drivers;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Scheduling;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Simulation;

/// <summary>
/// An Aurora PostgreSQL cluster simulated in virtual time, for testing code that runs on <see cref="AuroraDataSource"/>
/// without a server: its driver's nodes answer connects, statements, failure-monitoring probes and the topology and
/// role queries of the Aurora dialect on a <see cref="TestScheduler"/>. Faults: <see cref="Crash"/>, <see cref="Freeze"/>,
/// <see cref="Switchover"/>, <see cref="Promote"/> and a topology that lags the real roles (<see cref="TopologyLag"/>).
/// A data source from <see cref="CreateDataSourceBuilder"/> runs every timer and every asynchronous hand-off on the
/// cluster's clock, on the test's thread: a run is single-threaded and replays the same way every time.
/// Not thread-safe: drive it from the test's thread only, through <see cref="Run{T}"/> and <see cref="RunFor"/> (or, on
/// a thread without a <see cref="SynchronizationContext"/>, the clock's own methods).
/// </summary>
/// <example>
/// <code>
/// var cluster = new SimulatedCluster();
/// await using var dataSource = cluster.CreateDataSourceBuilder().Build();
/// var connection = await cluster.Run(dataSource.OpenConnectionAsync().AsTask());
/// cluster.Crash(cluster.Writer);
/// cluster.Promote("instance-2");
/// var failed = cluster.Run(connection.CreateCommand("SELECT 1").ExecuteScalarAsync());   // FailoverSuccessException
/// </code>
/// </example>
public sealed class SimulatedCluster
{
    /// <summary>The host name of the cluster's writer endpoint, which forwards to the published writer.</summary>
    public const string WriterEndpoint = "writer.cluster.sim";

    /// <summary>The host name of the cluster's reader endpoint, which forwards each new connection to the next live reader.</summary>
    public const string ReaderEndpoint = "reader.cluster.sim";

    /// <summary>The virtual time a new clock is set to: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<SimulatedNode> _nodes = [];
    private readonly List<(DateTimeOffset At, string Writer)> _published = [];
    private readonly VirtualTimeHandOffs _handOffs;
    private int _nextReader;

    /// <summary>Creates a cluster of <paramref name="nodeCount"/> nodes, <c>instance-1</c> (the writer) to <c>instance-N</c>.</summary>
    /// <param name="nodeCount">How many nodes; at least 1.</param>
    /// <param name="clock">The virtual clock, as it is (a marble player's, say); a new one set to <see cref="Origin"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeCount"/> is less than 1.</exception>
    public SimulatedCluster(int nodeCount = 3, TestScheduler? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        if (clock is null)
        {
            clock = new TestScheduler();
            clock.AdvanceTo(Origin.UtcTicks);
        }

        Clock = clock;

        _handOffs = new VirtualTimeHandOffs(Clock);
        for (var i = 1; i <= nodeCount; i++)
        {
            var id = "instance-" + i.ToString(CultureInfo.InvariantCulture);
            _nodes.Add(new SimulatedNode(id, new HostSpec(id + ".cluster.sim", 5432, id)) { IsWriter = i == 1 });
        }

        _published.Add((Clock.Now, "instance-1"));
        Driver = new SimulatedDriver(this);
        ProviderFactory = new SimulatedProviderFactory(this);
    }

    /// <summary>The virtual clock every node, and every data source of <see cref="CreateDataSourceBuilder"/>, runs on.</summary>
    public TestScheduler Clock { get; }

    /// <summary>The driver whose connections go to this cluster's nodes.</summary>
    public IDatabaseDriver Driver { get; }

    /// <summary>The nodes' instance ids, in order.</summary>
    public IReadOnlyList<string> Nodes => [.. _nodes.Select(n => n.InstanceId)];

    /// <summary>The node that is the writer now (the topology may not show it yet).</summary>
    public string Writer => _nodes.Single(n => n.IsWriter).InstanceId;

    /// <summary>The writer the topology table and the writer endpoint show now.</summary>
    public string PublishedWriter => _published.Last(p => p.At <= Clock.Now).Writer;

    /// <summary>A connection string to the writer endpoint, naming every instance (<c>cluster_instance_endpoints</c>).</summary>
    public string ConnectionString => ConnectionStringTo(WriterEndpoint);

    private string ConnectionStringTo(string host) =>
        $"Host={host};cluster_instance_endpoints=\"{string.Join(",", _nodes.Select(n => $"{n.InstanceId}={n.Host.Endpoint}"))}\"";

    /// <summary>How long a new connection takes to open.</summary>
    /// <value>The default value is 1 ms.</value>
    public TimeSpan ConnectLatency { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How long a statement takes (unless it is <c>pg_sleep(seconds)</c>, which takes that long).</summary>
    /// <value>The default value is 1 ms.</value>
    public TimeSpan QueryLatency { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How long after a role change (<see cref="Promote"/>, <see cref="Switchover"/>) the topology table and the writer endpoint show it.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan TopologyLag { get; set; }

    /// <summary>
    /// How much earlier than its due time, by the clock's <see cref="IScheduler.Now"/>, each timer of a data source of
    /// <see cref="CreateDataSourceBuilder"/> fires, per second of its delay: the real clock's behaviour while NTP slews the
    /// wall clock (which <c>Now</c> reads) ahead of the monotonic clock (which timers run on). The nodes' own timing is exact.
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/> (every timer fires exactly at its due time).</value>
    public TimeSpan TimerLeadPerSecond { get; set; }

    internal IEnumerable<SimulatedNode> AllNodes => _nodes;

    /// <summary>Uses of the cluster off the thread that drives it.</summary>
    internal ThreadCheck Threads { get; } = new();

    /// <summary>The provider factory failure monitoring opens its unpooled connections through.</summary>
    internal DbProviderFactory ProviderFactory { get; }



    /// <summary>
    /// A builder for a data source on this cluster: its driver, its clock (<see cref="AuroraDataSourceBuilder.UseScheduler"/>)
    /// and its hand-off queue; configure more on the builder and build it.
    /// </summary>
    /// <param name="options">Connection-string keys appended to <see cref="ConnectionString"/>, such as <c>failover_mode=strict_reader</c>.</param>
    /// <param name="host">The host the connections open through: <see cref="WriterEndpoint"/>, <see cref="ReaderEndpoint"/> or an instance's host (<c>instance-2.cluster.sim</c>).</param>
    /// <returns>The builder.</returns>
    public AuroraDataSourceBuilder CreateDataSourceBuilder(string? options = null, string host = WriterEndpoint) =>
        new AuroraDataSourceBuilder(string.IsNullOrEmpty(options) ? ConnectionStringTo(host) : ConnectionStringTo(host) + ";" + options, Driver)
            .UseScheduler(Threads.Wrap(new LeadingTimers(Clock, () => TimerLeadPerSecond)))
            .UseHandOff(HandOff.Through(_handOffs.Post));

    /// <summary>Crashes a node: its connections fail now, and it refuses new ones until <see cref="Restart"/>. The roles do not change.</summary>
    /// <param name="instanceId">The node.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Crash(string instanceId)
    {
        var node = Node(instanceId);
        OffContext(() => node.Crash(() => SimulatedNodeException.Refused(node)));
    }

    /// <summary>Starts a crashed node again, with no sessions; it keeps its role.</summary>
    /// <param name="instanceId">The node.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Restart(string instanceId) => Node(instanceId).Restart();

    /// <summary>Freezes a node: it accepts calls and answers none, and nothing fails, until <see cref="Thaw"/>.</summary>
    /// <param name="instanceId">The node.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Freeze(string instanceId) => Node(instanceId).Freeze();

    /// <summary>Lets a frozen node answer again, the calls it held first.</summary>
    /// <param name="instanceId">The node.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Thaw(string instanceId) => OffContext(Node(instanceId).Thaw);

    /// <summary>Makes a node the writer (the cluster's failover after a crash); the topology shows it after <see cref="TopologyLag"/>.</summary>
    /// <param name="instanceId">The new writer; it restarts on promotion, so its sessions end.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Promote(string instanceId)
    {
        var target = Node(instanceId);
        foreach (var node in _nodes)
        {
            node.IsWriter = node == target;
        }

        OffContext(() => target.EndSessions(() => SimulatedNodeException.SessionEnded(target)));
        _published.Add((Clock.Now + TopologyLag, instanceId));
    }

    /// <summary>A planned writer change: the old writer's sessions end, it becomes a reader, and <paramref name="instanceId"/> is promoted.</summary>
    /// <param name="instanceId">The new writer.</param>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public void Switchover(string instanceId)
    {
        var old = Node(Writer);
        OffContext(() => old.EndSessions(() => SimulatedNodeException.SessionEnded(old)));
        Promote(instanceId);
    }

    /// <summary>How many calls (connects and statements) a node has answered or failed.</summary>
    /// <param name="instanceId">The node.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentException">No node has that id.</exception>
    public int CallsTo(string instanceId) => Node(instanceId).Calls;

    /// <summary>Runs the clock, and the hand-offs its items cause, for <paramref name="duration"/>.</summary>
    /// <param name="duration">How much virtual time passes.</param>
    public void RunFor(TimeSpan duration)
    {
        Threads.DriveFromHere();
        OffContext(() => Clock.AdvanceBy(duration.Ticks));
    }

    /// <summary>Runs the clock until <paramref name="task"/> ends or <paramref name="limit"/> (by default 10 virtual minutes) has passed.</summary>
    /// <param name="task">A task of a data source on this cluster.</param>
    /// <param name="limit">The most virtual time to run.</param>
    /// <returns><paramref name="task"/>, which may still be running when the limit was reached.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public Task<T> Run<T>(Task<T> task, TimeSpan? limit = null)
    {
        RunUntilDone(task, limit);
        return task;
    }

    /// <inheritdoc cref="Run{T}(Task{T}, TimeSpan?)"/>
    public Task Run(Task task, TimeSpan? limit = null)
    {
        RunUntilDone(task, limit);
        return task;
    }

    internal SimulatedNode NodeAt(HostSpec host)
    {
        if (string.Equals(host.Host, WriterEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return Node(PublishedWriter);
        }

        if (string.Equals(host.Host, ReaderEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            var readers = _nodes.Where(n => n.InstanceId != PublishedWriter && !n.IsCrashed).ToList();
            return readers.Count == 0 ? Node(PublishedWriter) : readers[_nextReader++ % readers.Count];
        }

        return _nodes.FirstOrDefault(n => string.Equals(n.Host.Host, host.Host, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No simulated node at {host.Endpoint}.");
    }

    private SimulatedNode Node(string instanceId) =>
        _nodes.FirstOrDefault(n => n.InstanceId == instanceId) ?? throw new ArgumentException($"No simulated node is named '{instanceId}'.", nameof(instanceId));

    private void RunUntilDone(Task task, TimeSpan? limit)
    {
        ArgumentNullException.ThrowIfNull(task);
        Threads.DriveFromHere();
        OffContext(_handOffs.Drain);
        if (task.IsCompleted)
        {
            return;
        }

        _ = task.ContinueWith(_ => Clock.Stop(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        using (Clock.Schedule(limit ?? TimeSpan.FromMinutes(10), () => Clock.Stop()))
        {
            OffContext(Clock.Start);
        }
    }

    // The clock runs with no synchronization context (a test framework's would make every awaiter the driver or a timer
    // completes continue on the thread pool, not inline on this thread).
    internal static void OffContext(Action run)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
