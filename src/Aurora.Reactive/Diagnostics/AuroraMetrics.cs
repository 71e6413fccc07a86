using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Diagnostics;

/// <summary>
/// The library's instruments, on the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>:
/// any <c>MeterListener</c>, <c>dotnet-counters</c> or OpenTelemetry's <c>AddMeter("Aurora.Reactive")</c>
/// collects them; the library itself depends on none of those. Recorded only by <see cref="AuroraTelemetry"/>.
/// </summary>
/// <remarks>
/// Instruments: <c>aurora.failovers</c> (counter; tag <c>outcome</c> = succeeded|failed),
/// <c>aurora.failover.duration</c> (histogram, ms, from the fault seen to the first unit completed again),
/// <c>aurora.aborts</c> (counter: commands released because their node was judged dead),
/// <c>aurora.unit.reruns</c> (counter), <c>aurora.probe.latency</c> (histogram, ms; tags <c>host</c>, <c>outcome</c>),
/// <c>aurora.host.health</c> (gauge per host: 0 unknown, 1 healthy, 2 suspect, 3 unhealthy). Every measurement has
/// the <c>cluster</c> tag.
/// </remarks>
internal static class AuroraMetrics
{
    /// <summary>The meter's name: <c>Aurora.Reactive</c>.</summary>
    public const string MeterName = "Aurora.Reactive";

    // The meter is process-wide, as OpenTelemetry expects one meter per name; each data source's telemetry keeps its own health.
    private static readonly Meter Meter = new(MeterName, typeof(AuroraMetrics).Assembly.GetName().Version?.ToString());
    private static readonly ConcurrentDictionary<AuroraTelemetry, byte> HealthSources = new();
    private static readonly Counter<long> Failovers = Meter.CreateCounter<long>("aurora.failovers", description: "Failovers seen by clients, by outcome.");
    private static readonly Histogram<double> FailoverDuration = Meter.CreateHistogram<double>("aurora.failover.duration", "ms", "Time from a lost node to the first unit of work completed again.");
    private static readonly Counter<long> Aborts = Meter.CreateCounter<long>("aurora.aborts", description: "Commands released because their node was judged dead.");
    private static readonly Counter<long> Reruns = Meter.CreateCounter<long>("aurora.unit.reruns", description: "Units of work run again after a failover.");
    private static readonly Histogram<double> ProbeLatency = Meter.CreateHistogram<double>("aurora.probe.latency", "ms", "Latency of health probes.");

    static AuroraMetrics() =>
        Meter.CreateObservableGauge("aurora.host.health", ObserveHealth, description: "Host health: 0 unknown, 1 healthy, 2 suspect, 3 unhealthy.");

    internal static void Track(AuroraTelemetry telemetry) => HealthSources[telemetry] = 0;

    internal static void Untrack(AuroraTelemetry telemetry) => HealthSources.TryRemove(telemetry, out _);

    internal static void RecordFailover(string cluster, bool succeeded, TimeSpan? duration)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed");
        var clusterTag = new KeyValuePair<string, object?>("cluster", cluster);
        Failovers.Add(1, clusterTag, outcome);
        if (duration is { } d)
        {
            FailoverDuration.Record(d.TotalMilliseconds, clusterTag);
        }
    }

    internal static void RecordAbort(string cluster, HostSpec host) =>
        Aborts.Add(1, new KeyValuePair<string, object?>("cluster", cluster), new KeyValuePair<string, object?>("host", host.Endpoint));

    internal static void RecordRerun(string cluster) => Reruns.Add(1, new KeyValuePair<string, object?>("cluster", cluster));

    internal static void RecordProbe(string cluster, ProbeResult probe) =>
        ProbeLatency.Record(
            probe.Latency.TotalMilliseconds,
            new KeyValuePair<string, object?>("cluster", cluster),
            new KeyValuePair<string, object?>("host", probe.Host.Endpoint),
            new KeyValuePair<string, object?>("outcome", probe.Outcome.ToString()));

    private static IEnumerable<Measurement<int>> ObserveHealth() => HealthSources.Keys.SelectMany(source => source.HealthMeasurements());
}
