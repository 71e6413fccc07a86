using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Turns topology rows into a <see cref="TopologySnapshot"/> by the rules every dialect shares:
/// rows older than <see cref="StalenessLimit"/> are dropped unless they are the writer's or carry no
/// update time (as the Aurora SQL does); of several writer rows the newest <c>LAST_UPDATE_TIMESTAMP</c>
/// wins and the older writer rows are dropped (their role is in doubt, so they are not offered as
/// readers either); no writer row gives a snapshot whose writer is unknown; a row whose instance id
/// is missing or rejected by the host resolver is skipped and reported.
/// </summary>
internal static class TopologyRowReader
{
    /// <summary>Rows whose last update is older than this, relative to the read time, are stale. 300 s, as the Aurora SQL.</summary>
    public static readonly TimeSpan StalenessLimit = TimeSpan.FromSeconds(300);

    /// <summary>Builds a snapshot from topology rows.</summary>
    /// <param name="rows">The rows, in the order the query returned them.</param>
    /// <param name="resolveHost">Maps an instance id to the host to connect to; throws <see cref="ArgumentException"/> for an id it refuses.</param>
    /// <param name="readAt">When the rows were read; also the reference time for staleness.</param>
    /// <param name="readFrom">The node the rows were read through, when known.</param>
    /// <returns>The snapshot and the rows left out of it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or <paramref name="resolveHost"/> is <see langword="null"/>.</exception>
    public static TopologyReadResult Read(
        IEnumerable<TopologyRow> rows,
        Func<string, HostSpec> resolveHost,
        DateTimeOffset readAt,
        HostSpec? readFrom = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(resolveHost);

        var rejected = new List<RejectedTopologyRow>();
        var accepted = new List<(TopologyRow Row, HostSpec Host)>();
        foreach (var row in rows)
        {
            var host = Resolve(row, resolveHost, readAt, rejected);
            if (host is not null)
            {
                accepted.Add((row, host));
            }
        }

        var writerEntry = PickWriter(accepted, rejected);
        var writer = writerEntry is { } w ? ToHost(w.Row, w.Host, HostRole.Writer) : null;
        var readers = new List<HostSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (writer?.InstanceId is { } writerId)
        {
            seen.Add(writerId);
        }

        foreach (var (row, host) in accepted)
        {
            if (row.IsWriter)
            {
                continue;
            }

            if (!seen.Add(row.InstanceId!))
            {
                rejected.Add(new RejectedTopologyRow(row, $"Instance '{row.InstanceId}' appears more than once; the first row is kept."));
                continue;
            }

            readers.Add(ToHost(row, host, HostRole.Reader));
        }

        return new TopologyReadResult(new TopologySnapshot(writer, readers, readAt, readFrom), rejected);
    }

    private static HostSpec? Resolve(TopologyRow row, Func<string, HostSpec> resolveHost, DateTimeOffset readAt, List<RejectedTopologyRow> rejected)
    {
        if (string.IsNullOrWhiteSpace(row.InstanceId))
        {
            rejected.Add(new RejectedTopologyRow(row, "The row has no instance id."));
            return null;
        }

        if (!row.IsWriter && row.LastUpdate is { } updated && readAt - updated > StalenessLimit)
        {
            rejected.Add(new RejectedTopologyRow(row, $"Instance '{row.InstanceId}' is stale: last updated {updated:O}, more than {StalenessLimit.TotalSeconds:0} s before {readAt:O}."));
            return null;
        }

        try
        {
            return resolveHost(row.InstanceId);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            rejected.Add(new RejectedTopologyRow(row, $"Instance id '{row.InstanceId}' was refused: {ex.Message}"));
            return null;
        }
    }

    private static (TopologyRow Row, HostSpec Host)? PickWriter(List<(TopologyRow Row, HostSpec Host)> accepted, List<RejectedTopologyRow> rejected)
    {
        (TopologyRow Row, HostSpec Host)? best = null;
        foreach (var entry in accepted.Where(e => e.Row.IsWriter))
        {
            if (best is null || IsNewer(entry.Row, best.Value.Row))
            {
                if (best is { } previous)
                {
                    rejected.Add(OlderWriter(previous.Row, entry.Row));
                }

                best = entry;
            }
            else
            {
                rejected.Add(OlderWriter(entry.Row, best.Value.Row));
            }
        }

        return best;
    }

    // A row without an update time never beats one that has it: it says nothing about recency.
    private static bool IsNewer(TopologyRow candidate, TopologyRow current) =>
        candidate.LastUpdate is { } c && (current.LastUpdate is not { } k || c > k);

    private static RejectedTopologyRow OlderWriter(TopologyRow older, TopologyRow newer) =>
        new(older, $"Instance '{older.InstanceId}' also claims to be the writer, but '{newer.InstanceId}' was updated more recently.");

    private static HostSpec ToHost(TopologyRow row, HostSpec resolved, HostRole role) =>
        new(resolved.Host, resolved.Port, row.InstanceId, role)
        {
            CpuPercent = row.CpuPercent,
            ReplicaLag = row.ReplicaLagMilliseconds is { } lag ? TimeSpan.FromMilliseconds(lag) : null,
            LastUpdate = row.LastUpdate,
        };
}
