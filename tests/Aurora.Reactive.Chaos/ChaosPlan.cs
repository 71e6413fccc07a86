namespace Aurora.Reactive.Chaos;

/// <summary>
/// What a chaos run does: the faults in order (drawn from <see cref="Seed"/>), how many writers of each client
/// kind, and its times. The same seed gives the same faults, the same readers crashed and the same pauses.
/// </summary>
public sealed record ChaosPlan
{
    /// <summary>Every fault kind, in the order the draw starts from.</summary>
    public static IReadOnlyList<ChaosFaultKind> AllKinds { get; } = Enum.GetValues<ChaosFaultKind>();

    public required int Seed { get; init; }

    public required IReadOnlyList<ChaosFaultKind> Faults { get; init; }

    /// <summary>Writers through <c>AuroraClient</c>, and as many through <c>AuroraDataSource</c>.</summary>
    public int WorkersPerKind { get; init; } = 4;

    /// <summary>A call that has not returned after this long counts as hung.</summary>
    public TimeSpan CallCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long each client kind may take to write again after a fault before the fault's downtime counts as over the cap.</summary>
    public TimeSpan DowntimeCap { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the cluster has no writer before the kit promotes a reader (crash, freeze, blackhole).</summary>
    public TimeSpan PromotionDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long a pause or a network drop lasts before the writer comes back.</summary>
    public TimeSpan OutageLength { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The steady writing between the recovery of one fault and the next fault: drawn between these bounds.</summary>
    public TimeSpan MinSteady { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc cref="MinSteady"/>
    public TimeSpan MaxSteady { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The pause between two writes of one writer, and after a failed write.</summary>
    public TimeSpan WritePause { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The pause after a failed write before the writer tries again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether the run logs the AuroraClient's topology changes and events (set by <c>AURORA_CHAOS_TRACE=1</c> in the benchmark).</summary>
    public bool TraceClient { get; init; }

    /// <summary>How long after the dispose of every client and data source no session of the run may be left.</summary>
    public TimeSpan SessionDeadline { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <paramref name="count"/> faults drawn from <paramref name="kinds"/> with <paramref name="seed"/>: seeded
    /// shuffles of the kinds, one after the other, so every kind comes once before any comes twice.
    /// </summary>
    public static IReadOnlyList<ChaosFaultKind> Draw(int seed, int count, IReadOnlyList<ChaosFaultKind>? kinds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        kinds ??= AllKinds;
        if (kinds.Count == 0)
        {
            throw new ArgumentException("No fault kind to draw from.", nameof(kinds));
        }

        var random = new Random(seed);
        var faults = new List<ChaosFaultKind>(count);
        while (faults.Count < count)
        {
            var round = kinds.ToArray();
            random.Shuffle(round);
            faults.AddRange(round.Take(count - faults.Count));
        }

        return faults;
    }
}
