using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Testing.LocalMariaDb;

/// <summary>How <see cref="LocalMariaDbCluster.StartAsync"/> builds a cluster. Every value is checked by <see cref="Validate"/>.</summary>
public sealed class LocalMariaDbClusterOptions
{
    /// <summary>The most readers a cluster may have, as in Aurora.</summary>
    public const int MaxReaderCount = KitOptionChecks.MaxReaderCount;

    /// <summary>Number of replicas (Aurora readers) beside the primary.</summary>
    /// <value>The default value is 2. From 0 to <see cref="MaxReaderCount"/>.</value>
    public int ReaderCount { get; set; } = 2;

    /// <summary>The instance ids, writer first; each must be a DNS label, all distinct, one per node.</summary>
    /// <value>The default value is <see langword="null"/>: <c>instance-1</c>, <c>instance-2</c>, ... with <c>instance-1</c> the writer.</value>
    public IReadOnlyList<string>? InstanceIds { get; set; }

    /// <summary>
    /// How long the control plane waits after a writer change before the emulated
    /// <c>aurora_emulation.replica_host_status</c> shows it, as Aurora's topology lags a promotion.
    /// </summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan TopologyPublicationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long the control plane waits after a writer change before the writer and reader endpoints
    /// forward to the new nodes: the DNS lag that fast failover exists to beat.
    /// </summary>
    /// <value>The default value is 5 seconds (Aurora's DNS time-to-live).</value>
    public TimeSpan EndpointRepointDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one server may take to start, stop or be promoted before the kit gives up.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option has a value the kit cannot use; the message names the option and the value.</exception>
    public void Validate() =>
        KitOptionChecks.ValidateShape(ReaderCount, InstanceIds, TopologyPublicationDelay, EndpointRepointDelay, StartupTimeout);

    /// <summary>A copy, so later changes to this instance do not reach a running cluster.</summary>
    internal LocalMariaDbClusterOptions Clone() => new()
    {
        ReaderCount = ReaderCount,
        InstanceIds = InstanceIds?.ToArray(),
        TopologyPublicationDelay = TopologyPublicationDelay,
        EndpointRepointDelay = EndpointRepointDelay,
        StartupTimeout = StartupTimeout,
    };

    /// <summary>The instance ids to use, writer first.</summary>
    internal IReadOnlyList<string> ResolveInstanceIds() => KitOptionChecks.ResolveInstanceIds(InstanceIds, ReaderCount);
}
