using Aurora.Reactive.Monitoring;

namespace FailoverDemo.Live;

/// <summary>
/// What the live view shows, as a fold over <see cref="DemoEvent"/>s: <see cref="Apply"/> takes each event,
/// <see cref="Screen"/> reads the frame for a given time. Write rates are shown from the first
/// write's second on. No clock, no console, no threads: the same event
/// sequence and time always give the same frame. Not thread-safe; the caller serialises access.
/// </summary>
internal sealed class LiveModel
{
    private readonly Dictionary<string, HostHealthReported> _health = [];
    private readonly List<int> _perSecond = [];
    private readonly Queue<TimelineNoted> _events = new();
    private TopologyReported? _topology;
    private string _phase = "starting";
    private int _acknowledged;
    private int _errors;
    private int? _firstWriteSecond;
    private DemoSummary? _summary;

    /// <param name="eventsShown">How many of the latest timeline entries a frame lists.</param>
    /// <param name="secondsShown">How many whole seconds of write rates a frame carries.</param>
    public LiveModel(int eventsShown = 10, int secondsShown = 30)
    {
        EventsShown = eventsShown;
        SecondsShown = secondsShown;
    }

    public int EventsShown { get; }

    public int SecondsShown { get; }

    public void Apply(DemoEvent demoEvent)
    {
        switch (demoEvent)
        {
            case HostHealthReported health:
                _health[health.Endpoint] = health;
                break;
            case TopologyReported topology:
                _topology = topology;
                break;
            case WriteAcknowledged write:
                _acknowledged++;
                var second = (int)Math.Floor(write.At.TotalSeconds);
                _firstWriteSecond = Math.Min(second, _firstWriteSecond ?? second);
                while (_perSecond.Count <= second)
                {
                    _perSecond.Add(0);
                }

                _perSecond[second]++;
                break;
            case CallerErrorSeen:
                _errors++;
                break;
            case TimelineNoted entry:
                _events.Enqueue(entry);
                while (_events.Count > EventsShown)
                {
                    _events.Dequeue();
                }

                break;
            case PhaseChanged phase:
                _phase = phase.Phase;
                break;
            case RunSummarized summary:
                _summary = summary.Summary;
                break;
        }
    }

    public LiveScreen Screen(TimeSpan now)
    {
        var current = Math.Max(0, (int)Math.Floor(now.TotalSeconds));
        var first = Math.Min(current, Math.Max(_firstWriteSecond ?? current, current - SecondsShown + 1));
        var rates = Enumerable.Range(first, current - first + 1).Select(RateIn).ToArray();
        return new LiveScreen(now, _phase, _topology?.Writer, Hosts(), WritesInLastSecond(now), rates, _acknowledged, _errors, [.. _events], _summary);
    }

    private int RateIn(int second) => second < _perSecond.Count ? _perSecond[second] : 0;

    /// <summary>Writes in (now - 1 s, now], from the per-second counts: the part of the previous second still in the window is prorated.</summary>
    private int WritesInLastSecond(TimeSpan now)
    {
        var current = (int)Math.Floor(now.TotalSeconds);
        var intoCurrent = now.TotalSeconds - current;
        return (int)Math.Round(RateIn(current) + (current > 0 ? RateIn(current - 1) * (1 - intoCurrent) : 0));
    }

    private List<HostRow> Hosts()
    {
        var inTopology = _topology?.Hosts.ToDictionary(h => h.Endpoint) ?? [];
        return [.. inTopology.Keys.Union(_health.Keys).Order(StringComparer.Ordinal).Select(endpoint =>
        {
            inTopology.TryGetValue(endpoint, out var host);
            _health.TryGetValue(endpoint, out var health);
            var name = host?.InstanceId ?? health?.InstanceId;
            return new HostRow(
                name ?? "(endpoint)",
                endpoint,
                host?.Role ?? (name is null ? "-" : "left"),
                health?.Status ?? HostHealthStatus.Unknown,
                health?.ConsecutiveFailures ?? 0,
                health?.ProbeLatency);
        })];
    }
}
