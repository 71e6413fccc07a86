using Aurora.Reactive.Benchmarks.Measurement;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Every measurement of one operation on one target: per-operation latencies, per-round means, bytes allocated, the process's CPU time.</summary>
public sealed class OverheadCell
{
    private readonly List<double> _latenciesMicros = [];
    private readonly List<double> _roundMeansMicros = [];
    private readonly List<double> _roundCpuMicros = [];
    private long _allocatedBytes;
    private long _operations;

    public Samples Latencies => new(_latenciesMicros);

    public IReadOnlyList<double> RoundMeans => _roundMeansMicros;

    /// <summary>The process's CPU time per operation in each round (every thread of the client, none of the server's).</summary>
    public IReadOnlyList<double> RoundCpuMicros => _roundCpuMicros;

    public double CpuMicrosPerOperation => _roundCpuMicros.Count == 0 ? double.NaN : _roundCpuMicros.Average();

    public double AllocatedBytesPerOperation => _operations == 0 ? double.NaN : (double)_allocatedBytes / _operations;

    public void AddBatch(IReadOnlyList<double> latenciesMicros, long allocatedBytes, double cpuMicros)
    {
        _roundCpuMicros.Add(cpuMicros / latenciesMicros.Count);
        _latenciesMicros.AddRange(latenciesMicros);
        _roundMeansMicros.Add(latenciesMicros.Average());
        _allocatedBytes += allocatedBytes;
        _operations += latenciesMicros.Count;
    }
}
