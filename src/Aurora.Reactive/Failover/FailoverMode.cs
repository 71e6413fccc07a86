namespace Aurora.Reactive.Failover;

/// <summary>
/// Which nodes a failover may land on. The connection-string spellings (<c>strict_writer</c>,
/// <c>reader_or_writer</c>, <c>strict_reader</c>) are read by <see cref="Options.FailoverModeNames"/>.
/// </summary>
public enum FailoverMode
{
    /// <summary>Follow the writer: after a failover the connection is on the (new) writer, and only there.</summary>
    StrictWriter = 0,

    /// <summary>Prefer any reachable reader; fall back to the writer when no reader answers (what the reader endpoint does).</summary>
    ReaderOrWriter = 1,

    /// <summary>Readers only; the writer is taken only when the cluster has no other node. No reader means the failover fails.</summary>
    StrictReader = 2,
}
