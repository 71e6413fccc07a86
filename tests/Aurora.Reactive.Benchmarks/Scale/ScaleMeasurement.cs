namespace Aurora.Reactive.Benchmarks.Scale;

/// <summary>What one variant at one level cost over its busy window.</summary>
public sealed record ScaleMeasurement(
    string Variant,
    int Connections,
    double OpenSeconds,
    long Commands,
    double CpuSeconds,
    int PeakThreads,
    double PeakManagedBytes,
    long PeakWorkloadBackends,
    long PeakOtherBackends,
    long OtherBackendsAfterDispose);
