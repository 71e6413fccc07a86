using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The reason a connection on the old writer is moved when the topology shows that another node became the
/// writer; it becomes the inner exception of the failover error the connection raises.
/// </summary>
internal sealed class WriterChangedException : Exception
{
    /// <summary>Creates the reason.</summary>
    /// <param name="oldWriter">The writer the topology named before.</param>
    /// <param name="newWriter">The writer it names now.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public WriterChangedException(HostSpec oldWriter, HostSpec newWriter)
        : base($"The cluster's writer changed from {oldWriter ?? throw new ArgumentNullException(nameof(oldWriter))} to {newWriter ?? throw new ArgumentNullException(nameof(newWriter))}.")
    {
        OldWriter = oldWriter;
        NewWriter = newWriter;
    }

    /// <summary>The writer the topology named before.</summary>
    public HostSpec OldWriter { get; }

    /// <summary>The writer the topology names now.</summary>
    public HostSpec NewWriter { get; }
}
