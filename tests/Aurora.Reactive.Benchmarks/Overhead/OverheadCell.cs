using Aurora.Reactive.Benchmarks.Measurement;

namespace Aurora.Reactive.Benchmarks.Overhead;

/// <summary>Every measurement of one operation on one target: per-operation latencies, per-round means, bytes allocated.</summary>
public sealed class OverheadCell
{
    private readonly List<double> _latenciesMicros = [];
    private readonly List<double> _roundMeansMicros = [];
    private long _allocatedBytes;
    private long _operations;

    public Samples Latencies => new(_latenciesMicros);

    public IReadOnlyList<double> RoundMeans => _roundMeansMicros;

    public double AllocatedBytesPerOperation => _operations == 0 ? double.NaN : (double)_allocatedBytes / _operations;

    public void AddBatch(IReadOnlyList<double> latenciesMicros, long allocatedBytes)
    {
        _latenciesMicros.AddRange(latenciesMicros);
        _roundMeansMicros.Add(latenciesMicros.Average());
        _allocatedBytes += allocatedBytes;
        _operations += latenciesMicros.Count;
    }
}
