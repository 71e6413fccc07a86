using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// What one read of the cluster topology said: the writer (when one is known), the readers, when the
/// read happened and through which node. A snapshot with no writer means "writer not known yet",
/// never "the cluster has no writer".
/// </summary>
public sealed class TopologySnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="writer">The writer, or <see langword="null"/> when the read named none.</param>
    /// <param name="readers">The readers; must not contain the writer.</param>
    /// <param name="readAt">When the topology was read.</param>
    /// <param name="readFrom">The node the topology was read through, when known.</param>
    /// <exception cref="ArgumentNullException"><paramref name="readers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The writer's role is not <see cref="HostRole.Writer"/>, or a reader's is not <see cref="HostRole.Reader"/>.</exception>
    public TopologySnapshot(HostSpec? writer, IReadOnlyList<HostSpec> readers, DateTimeOffset readAt, HostSpec? readFrom = null)
    {
        ArgumentNullException.ThrowIfNull(readers);
        if (writer is not null && writer.Role != HostRole.Writer)
        {
            throw new ArgumentException($"The writer {writer} must have the role Writer.", nameof(writer));
        }

        foreach (var reader in readers)
        {
            if (reader.Role != HostRole.Reader)
            {
                throw new ArgumentException($"The reader {reader} must have the role Reader.", nameof(readers));
            }
        }

        Writer = writer;
        Readers = readers.ToArray();
        ReadAt = readAt;
        ReadFrom = readFrom;
    }

    /// <summary>The writer, or <see langword="null"/> when it is not known yet.</summary>
    public HostSpec? Writer { get; }

    /// <summary>The readers, in the order the read returned them.</summary>
    public IReadOnlyList<HostSpec> Readers { get; }

    /// <summary>When the topology was read.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The node the topology was read through, when known.</summary>
    public HostSpec? ReadFrom { get; }

    /// <summary>Whether the read named a writer.</summary>
    public bool IsWriterKnown => Writer is not null;

    /// <summary>Every node: the writer first (when known), then the readers.</summary>
    public IEnumerable<HostSpec> Hosts => Writer is null ? Readers : Readers.Prepend(Writer);

    /// <summary>
    /// Whether <paramref name="other"/> describes the same cluster shape: the same writer and the same set
    /// of readers, ignoring lag, CPU, update times and when or where it was read.
    /// </summary>
    /// <param name="other">The snapshot to compare with.</param>
    /// <returns><see langword="true"/> when the shapes are equal.</returns>
    public bool HasSameShape(TopologySnapshot? other)
    {
        if (other is null || Readers.Count != other.Readers.Count)
        {
            return false;
        }

        if (Writer is null ? other.Writer is not null : other.Writer is null || !SamePlace(Writer, other.Writer))
        {
            return false;
        }

        return Readers.All(r => other.Readers.Any(o => SamePlace(r, o)));
    }

    // A node now reached at another address is a change of shape too: connections must go to the new one.
    private static bool SamePlace(HostSpec a, HostSpec b) => a.Node == b.Node && NodeId.At(a) == NodeId.At(b);

    /// <inheritdoc/>
    public override string ToString() =>
        $"writer={(Writer?.ToString() ?? "unknown")}; readers=[{string.Join(", ", Readers)}]; read at {ReadAt:O}";
}
