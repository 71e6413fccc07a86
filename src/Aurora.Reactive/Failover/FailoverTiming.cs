using Aurora.Reactive.Options;

namespace Aurora.Reactive.Failover;

/// <summary>The timing a failover honours, from the <c>failover_*</c> settings. Immutable.</summary>
public sealed record FailoverTiming
{
    /// <summary>The seed documents' defaults: reconnect every 2 s, reader connect 30 s, timeout 300 s, topology refresh 2 s.</summary>
    public static FailoverTiming Default { get; } = new();

    /// <summary>
    /// Pause before a node whose attempt failed is tried again (<c>failover_writer_reconnect_interval_sec</c>);
    /// the failed writer in particular is retried at this pace.
    /// </summary>
    /// <value>The default value is 2 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public TimeSpan WriterReconnectInterval { get; init => field = Positive(value, "failover_writer_reconnect_interval_sec"); } = TimeSpan.FromSeconds(2);

    /// <summary>Bound on each connection attempt (connect plus role query) of a failover (<c>failover_reader_connect_timeout_sec</c>).</summary>
    /// <value>The default value is 30 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public TimeSpan ReaderConnectTimeout { get; init => field = Positive(value, "failover_reader_connect_timeout_sec"); } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time a failover may take before it fails (<c>failover_timeout_sec</c>).</summary>
    /// <value>The default value is 300 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public TimeSpan Timeout { get; init => field = Positive(value, "failover_timeout_sec"); } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Longest interval between topology reads while a failover runs (<c>failover_cluster_topology_refresh_rate_sec</c>):
    /// the shared topology monitor's fast interval is capped by it.
    /// </summary>
    /// <value>The default value is 2 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public TimeSpan TopologyRefreshRate { get; init => field = Positive(value, "failover_cluster_topology_refresh_rate_sec"); } = TimeSpan.FromSeconds(2);

    /// <summary>The timing the parsed settings ask for.</summary>
    /// <param name="options">The settings.</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    internal static FailoverTiming From(AuroraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FailoverTiming
        {
            WriterReconnectInterval = options.FailoverWriterReconnectInterval,
            ReaderConnectTimeout = options.FailoverReaderConnectTimeout,
            Timeout = options.FailoverTimeout,
            TopologyRefreshRate = options.FailoverClusterTopologyRefreshRate,
        };
    }

    private static TimeSpan Positive(TimeSpan value, string key) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(key, value, $"{key} must be positive; got {value.TotalSeconds} s.");
}
