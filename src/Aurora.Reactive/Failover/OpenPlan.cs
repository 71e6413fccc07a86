using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// Which nodes a new connection tries, in order, from the latest topology: a pure function, so the choice is tested
/// without I/O. A node failure monitoring declared dead is never chosen.
/// </summary>
internal static class OpenPlan
{
    /// <summary>
    /// The candidates for <paramref name="target"/>, or <see langword="null"/> when the topology does not tell
    /// (no snapshot yet, no writer known for a writer open, or an endpoint open): the connection then opens through the endpoint.
    /// </summary>
    /// <param name="snapshot">The latest topology, or <see langword="null"/> before the first read.</param>
    /// <param name="target">Where the connection opens.</param>
    /// <param name="mode">The failover mode: outside strict_reader a reader open falls back to the writer.</param>
    /// <param name="isDead">Whether failure monitoring declared a node dead.</param>
    /// <param name="spread">A counter that rotates the readers, so opens spread across them.</param>
    /// <returns>The nodes to try in order (possibly empty: every fitting node is dead), or <see langword="null"/>.</returns>
    public static IReadOnlyList<HostSpec>? Candidates(TopologySnapshot? snapshot, OpenTarget target, FailoverMode mode, Func<HostSpec, bool> isDead, int spread)
    {
        if (snapshot is null || target == OpenTarget.Endpoint)
        {
            return null;
        }

        if (target == OpenTarget.Writer)
        {
            return snapshot.Writer switch
            {
                null => null,
                var writer when isDead(writer) => [],
                var writer => [writer],
            };
        }

        var readers = snapshot.Readers.Where(reader => !isDead(reader)).ToList();
        if (readers.Count == 0 && snapshot.Writer is null)
        {
            return null;
        }

        var start = readers.Count == 0 ? 0 : (int)((uint)spread % (uint)readers.Count);
        var ordered = readers.Skip(start).Concat(readers.Take(start)).ToList();
        if (mode != FailoverMode.StrictReader && snapshot.Writer is { } fallback && !isDead(fallback))
        {
            ordered.Add(fallback);
        }

        return ordered;
    }

    /// <summary>Whether <paramref name="snapshot"/> still gives <paramref name="host"/> the role it was chosen for.</summary>
    /// <param name="snapshot">A newer topology.</param>
    /// <param name="host">The node being opened.</param>
    /// <returns><see langword="false"/> when the node changed role or left the topology (give up on it at once).</returns>
    public static bool StillFits(TopologySnapshot snapshot, HostSpec host)
    {
        var node = NodeId.Of(host, snapshot);
        return host.Role switch
        {
            HostRole.Writer => snapshot.Writer is null || snapshot.Writer.Node == node,
            HostRole.Reader => snapshot.Readers.Any(reader => reader.Node == node) || (snapshot.Writer is null && snapshot.Readers.Count == 0),
            _ => true,
        };
    }
}
