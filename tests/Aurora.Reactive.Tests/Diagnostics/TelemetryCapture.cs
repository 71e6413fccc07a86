using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using Aurora.Reactive.Client;
using Aurora.Reactive.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Tests.Diagnostics;

/// <summary>
/// Records the four outputs of one cluster's telemetry, each stamped with the virtual clock when it arrives: the log
/// lines (through <see cref="LoggerFactory"/>), the measurements and spans tagged with the cluster (listeners are
/// process-wide), and the client events of <see cref="Watch"/>.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly IScheduler _clock;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly List<IDisposable> _subscriptions = [];

    public TelemetryCapture(IScheduler clock, string cluster)
    {
        _clock = clock;
        Cluster = cluster;
        LoggerFactory = new CapturingLoggerFactory(this);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuroraMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasured(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasured(i, v, tags));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => OnMeasured(i, v, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AuroraMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem("aurora.cluster"), Cluster))
                {
                    Spans.Enqueue(span);
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public string Cluster { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ConcurrentQueue<LogLine> Logs { get; } = new();

    public ConcurrentQueue<Measured> Measurements { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<AuroraClientEvent> Events { get; } = new();

    public void Watch(IObservable<AuroraClientEvent> events) => _subscriptions.Add(events.Subscribe(Events.Enqueue));

    public LogLine Log(int eventId) => Assert.Single(Logs, l => l.Id.Id == eventId);

    public AuroraClientEvent Event(AuroraClientEventKind kind) => Assert.Single(Events, e => e.Kind == kind);

    public Measured Measurement(string instrument) => Assert.Single(Measurements, m => m.Instrument == instrument);

    public Activity Span(string name) => Assert.Single(Spans, s => s.OperationName == name);

    /// <summary>Every text the four outputs hold: messages, structured values, errors, tags, span names and statuses, events.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var line in Logs)
        {
            yield return line.Message;
            yield return line.Error?.ToString() ?? string.Empty;
            foreach (var value in line.State.Values)
            {
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        foreach (var measured in Measurements)
        {
            foreach (var value in measured.Tags.Values)
            {
                yield return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        foreach (var span in Spans)
        {
            yield return span.DisplayName + " " + span.StatusDescription;
            foreach (var tag in span.TagObjects)
            {
                yield return tag.Key + "=" + Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        foreach (var clientEvent in Events)
        {
            yield return clientEvent.ToString() + " " + clientEvent.Host + " " + clientEvent.Error;
        }
    }

    public void Dispose()
    {
        _subscriptions.ForEach(s => s.Dispose());
        _meters.Dispose();
        _spans.Dispose();
    }

    private void OnMeasured<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (Equals(copy.GetValueOrDefault("cluster"), Cluster))
        {
            Measurements.Enqueue(new Measured(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy, _clock.Now));
        }
    }

    internal sealed record LogLine(string Category, EventId Id, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State, Exception? Error, DateTimeOffset At);

    internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, DateTimeOffset At);

    private sealed class CapturingLoggerFactory(TelemetryCapture capture) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(capture, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(TelemetryCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            capture.Logs.Enqueue(new LogLine(category, eventId, logLevel, formatter(state, exception), values, exception, capture._clock.Now));
        }
    }
}
