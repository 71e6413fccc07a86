namespace Aurora.Reactive.Topology;

/// <summary>Timing of a <see cref="TopologyMonitor"/>. Immutable; validated by <see cref="Validate"/>.</summary>
internal sealed record TopologyMonitorOptions
{
    /// <summary>Interval between refreshes in slow mode, counted from the end of the previous refresh.</summary>
    /// <value>The default value is 30 s, as the AWS drivers.</value>
    public TimeSpan SlowRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval between refreshes in fast mode, and the first delay of the error back-off.</summary>
    /// <value>The default value is 100 ms, as the newest AWS drivers.</value>
    public TimeSpan FastRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long fast mode lasts after it is requested or after a change is seen in fast mode.</summary>
    /// <value>The default value is 30 s.</value>
    public TimeSpan FastModeLinger { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on each topology read or node probe (connect plus query).</summary>
    /// <value>The default value is 3 s.</value>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a topology read through the monitoring node may go unanswered before every other known node is asked
    /// its role in parallel, while the read goes on. A node that confirms being the writer becomes the monitoring node
    /// at once, so a frozen writer costs this delay instead of <see cref="OperationTimeout"/>. <see langword="null"/>
    /// waits for the read alone.
    /// </summary>
    /// <value>The default value is 500 ms; a healthy read takes a few milliseconds.</value>
    public TimeSpan? ReadHedgeDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between attempts after consecutive failures (never longer than the current mode's interval).</summary>
    /// <value>The default value is 5 s.</value>
    public TimeSpan MaxErrorBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns options whose fast interval is at most <paramref name="failoverRefreshRate"/>
    /// (<c>failover_cluster_topology_refresh_rate_sec</c>).
    /// </summary>
    /// <param name="failoverRefreshRate">The configured failover topology refresh rate.</param>
    /// <returns>The adjusted options.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failoverRefreshRate"/> is not positive.</exception>
    public TopologyMonitorOptions WithFailoverRefreshRate(TimeSpan failoverRefreshRate)
    {
        if (failoverRefreshRate <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(failoverRefreshRate), failoverRefreshRate,
                $"failover_cluster_topology_refresh_rate_sec must be positive; got {failoverRefreshRate.TotalSeconds} s.");
        }

        return failoverRefreshRate < FastRefreshInterval ? this with { FastRefreshInterval = failoverRefreshRate } : this;
    }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive (a <see cref="ReadHedgeDelay"/> that is set included), or the fast interval is longer than the slow one.</exception>
    public void Validate()
    {
        Positive(SlowRefreshInterval, nameof(SlowRefreshInterval));
        Positive(FastRefreshInterval, nameof(FastRefreshInterval));
        Positive(FastModeLinger, nameof(FastModeLinger));
        Positive(OperationTimeout, nameof(OperationTimeout));
        Positive(MaxErrorBackoff, nameof(MaxErrorBackoff));
        if (ReadHedgeDelay is { } hedge)
        {
            Positive(hedge, nameof(ReadHedgeDelay));
        }

        if (FastRefreshInterval > SlowRefreshInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(FastRefreshInterval), FastRefreshInterval,
                $"FastRefreshInterval ({FastRefreshInterval}) must not be longer than SlowRefreshInterval ({SlowRefreshInterval}).");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive; got {value}.");
        }
    }
}
