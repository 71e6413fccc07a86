namespace Aurora.Reactive.Benchmarks.Measurement;

/// <summary>Order statistics over a set of measurements (nearest-rank percentiles).</summary>
public sealed class Samples
{
    private readonly double[] _sorted;

    public Samples(IEnumerable<double> values)
    {
        _sorted = values.Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Min => _sorted.Length == 0 ? double.NaN : _sorted[0];

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Percentile(double percent)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }
}
