using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reactive.Concurrency;
using Aurora.Reactive.Client;
using Aurora.Reactive.Connections;
using Aurora.Reactive.Delivery;
using Aurora.Reactive.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aurora.Reactive.Diagnostics;

/// <summary>
/// The one source of what a data source, and the <see cref="AuroraClient"/> built on it, reports. Each method is one
/// fact and emits together everything that fact has: its log line (<see cref="LogMessages"/>, <see cref="ClientLog"/>),
/// its measurement on the <c>Aurora.Reactive</c> meter (<see cref="AuroraMetrics"/>), its span on the
/// <c>Aurora.Reactive</c> activity source (<see cref="AuroraActivities"/>) and its <see cref="AuroraClientEvent"/>,
/// all stamped by the one scheduler. Nothing else in the library logs, measures, traces or raises a client event.
/// Created by <see cref="AuroraDataSourceBuilder.Build"/>; disposed with the data source.
/// </summary>
internal sealed partial class AuroraTelemetry : IDisposable
{
    private readonly ILogger _log;
    private readonly ILogger _clientLog;
    private readonly IScheduler _scheduler;
    private readonly Outbox _outbox;
    private readonly Broadcast<AuroraClientEvent> _events;
    private readonly ConcurrentDictionary<string, HostHealthStatus> _health = new(StringComparer.OrdinalIgnoreCase);
    private int _disposed;

    /// <summary>Creates the telemetry of one data source.</summary>
    /// <param name="loggerFactory">Where the log lines go; <see langword="null"/> for nowhere.</param>
    /// <param name="scheduler">The data source's clock, which stamps the events.</param>
    /// <param name="cluster">The cluster key, the <c>cluster</c> tag of the measurements.</param>
    public AuroraTelemetry(ILoggerFactory? loggerFactory, IScheduler scheduler, string cluster)
    {
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _log = factory.CreateLogger<AuroraDataSource>();
        _clientLog = factory.CreateLogger<AuroraClient>();
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        Cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        _outbox = new Outbox(new object(), SubscriberFailed);
        _events = new Broadcast<AuroraClientEvent>(_outbox, SubscriberFailed);
    }

    /// <summary>
    /// The telemetry of a piece built outside a data source (tests, a coordinator or a topology monitor made by hand):
    /// it logs nowhere and its events have no subscriber, but its spans and measurements are recorded like any other.
    /// </summary>
    public static AuroraTelemetry Detached { get; } = new(null, AuroraDataSourceBuilder.DefaultClock, string.Empty);

    /// <summary>The cluster key the measurements are tagged with.</summary>
    public string Cluster { get; }

    /// <summary>
    /// Every <see cref="AuroraClientEvent"/> of the data source: what its client goes through and the verdicts of
    /// failure monitoring. Hot; completes when the telemetry is disposed. A subscriber that throws is logged.
    /// </summary>
    public IObservable<AuroraClientEvent> Events => _events;

    private DateTimeOffset Now => _scheduler.Now;

    /// <summary>A subscriber of the client's streams threw; the client carries on.</summary>
    public void SubscriberFailed(Exception error) => ClientLog.SubscriberFailed(_clientLog, error);

    /// <summary>A subscriber of one of the data source's streams (<paramref name="stream"/>) threw; it was unsubscribed.</summary>
    public void StreamSubscriberFailed(string stream, Exception error) => LogMessages.SubscriberFailed(_log, stream, error);

    /// <summary>Completes the events and stops reporting this data source's host health.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AuroraMetrics.Untrack(this);
        using (_outbox.Enter())
        {
            _events.Complete();
        }
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The latest health of each host, for the <c>aurora.host.health</c> gauge.</summary>
    internal IEnumerable<Measurement<int>> HealthMeasurements()
    {
        foreach (var (host, status) in _health)
        {
            yield return new Measurement<int>(
                (int)status, new KeyValuePair<string, object?>("cluster", Cluster), new KeyValuePair<string, object?>("host", host));
        }
    }

    private void Raise(AuroraClientEvent clientEvent)
    {
        using (_outbox.Enter())
        {
            _events.Publish(clientEvent);
        }
    }
}
