using Aurora.Reactive.Options;

namespace Aurora.Reactive.Client;

/// <summary>
/// How an <see cref="AuroraClient"/> re-runs units of work that a failover interrupted. Immutable;
/// every value is checked when set, with a message naming the setting and the value.
/// </summary>
public sealed record AuroraClientOptions
{
    /// <summary>The defaults.</summary>
    public static AuroraClientOptions Default { get; } = new();

    /// <summary>
    /// How long, from the first interruption of a call, the client keeps waiting for a node and re-running
    /// the unit before it gives up with <see cref="Failover.FailoverFailedException"/>.
    /// </summary>
    /// <value>The default value is 300 seconds (<c>failover_timeout_sec</c>); a client created from a
    /// connection string takes that key's value.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is not positive.</exception>
    public TimeSpan FailoverTimeout { get; init => field = Positive(value, nameof(FailoverTimeout)); } = AuroraOptionDefaults.FailoverTimeout;

    /// <summary>The most attempts one call makes, the first included (the re-run budget).</summary>
    /// <value>The default value is 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public int MaxAttempts
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, $"{nameof(MaxAttempts)} is {value}; it must be 1 or more.");
    } = 10;

    /// <summary>
    /// The pause before the first re-run that needs a new connection (after a failed failover or an
    /// unreachable node); it doubles at each such re-run up to <see cref="MaxRetryDelay"/>. A re-run after a
    /// successful failover starts at once.
    /// </summary>
    /// <value>The default value is 100 milliseconds.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan RetryDelay { get; init => field = NotNegative(value, nameof(RetryDelay)); } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause between two re-runs.</summary>
    /// <value>The default value is 2 seconds (<c>failover_writer_reconnect_interval_sec</c>'s default).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public TimeSpan MaxRetryDelay { get; init => field = NotNegative(value, nameof(MaxRetryDelay)); } = AuroraOptionDefaults.FailoverWriterReconnectInterval;

    /// <summary>
    /// Whether a transactional unit whose COMMIT was in flight when its node failed has its outcome checked
    /// on the new writer (PostgreSQL: <c>txid_status</c>) instead of being re-run blindly.
    /// Without the check such a unit ends in <see cref="Failover.TransactionResolutionUnknownException"/>.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool VerifyCommitOutcome { get; init; } = true;

    /// <summary>
    /// Whether the client keeps every known host probed, so that <see cref="AuroraClient.HostHealth"/> shows
    /// all hosts even when no command runs on them (one monitoring connection per host).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WatchAllHosts { get; init; } = true;

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be positive.");

    private static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be zero or more.");
}
