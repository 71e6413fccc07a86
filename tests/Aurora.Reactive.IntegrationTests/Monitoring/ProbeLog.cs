using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.IntegrationTests.Monitoring;

/// <summary>Collects probe results from any thread and describes them relative to a moment.</summary>
internal sealed class ProbeLog : IObserver<ProbeResult>
{
    private readonly List<ProbeResult> _results = [];

    public IReadOnlyList<ProbeResult> Snapshot()
    {
        lock (_results)
        {
            return [.. _results];
        }
    }

    public string Describe(DateTimeOffset origin, string originName) =>
        string.Join(
            Environment.NewLine,
            Snapshot().Select(p => $"  probe started {(p.StartedAt - origin).TotalMilliseconds:0} ms after {originName}: {p.Outcome} in {p.Latency.TotalMilliseconds:0} ms{(p.Error is null ? "" : $" ({p.Error.GetType().Name})")}"));

    public void OnNext(ProbeResult value)
    {
        lock (_results)
        {
            _results.Add(value);
        }
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }
}
