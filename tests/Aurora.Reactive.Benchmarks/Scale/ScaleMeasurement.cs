namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>
/// What one variant at one level cost over its busy window. Server counts are peaks over the window:
/// every client connection, the monitoring ones among them, and what remained a second after disposal.
/// </summary>
public sealed record ScaleMeasurement(
    string Variant,
    int Connections,
    double OpenSeconds,
    long Commands,
    double CpuSeconds,
    int PeakThreads,
    double PeakManagedBytes,
    long PeakServerConnections,
    long PeakMonitoringConnections,
    long ServerConnectionsAfterDispose,
    string Features,
    long DisposedAt)
{
    /// <summary>Server connections beyond the logical connections themselves: monitoring, topology, anything else the library opened.</summary>
    public long ExtraServerConnections => PeakServerConnections - Connections;
}
