using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Diagnostics;

/// <summary>
/// The library's metrics, on the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>:
/// any <c>MeterListener</c>, <c>dotnet-counters</c> or OpenTelemetry's <c>AddMeter("Aurora.Reactive")</c>
/// collects them; the library itself depends on none of those.
/// </summary>
/// <remarks>
/// Instruments: <c>aurora.failovers</c> (counter; tag <c>outcome</c> = succeeded|failed),
/// <c>aurora.failover.duration</c> (histogram, ms, from the fault seen to the first unit completed again),
/// <c>aurora.aborts</c> (counter: commands released because their node was judged dead),
/// <c>aurora.unit.reruns</c> (counter), <c>aurora.probe.latency</c> (histogram, ms; tags <c>host</c>, <c>outcome</c>),
/// <c>aurora.host.health</c> (gauge per host: 0 unknown, 1 healthy, 2 suspect, 3 unhealthy).
/// </remarks>
internal static class AuroraMetrics
{
    /// <summary>The meter's name: <c>Aurora.Reactive</c>.</summary>
    public const string MeterName = "Aurora.Reactive";

    private static readonly Meter Meter = new(MeterName, typeof(AuroraMetrics).Assembly.GetName().Version?.ToString());
    private static readonly ConcurrentDictionary<(long Client, string Cluster, string Host), HostHealthStatus> Health = new();
    private static readonly Counter<long> Failovers = Meter.CreateCounter<long>("aurora.failovers", description: "Failovers seen by clients, by outcome.");
    private static readonly Histogram<double> FailoverDuration = Meter.CreateHistogram<double>("aurora.failover.duration", "ms", "Time from a lost node to the first unit of work completed again.");
    private static readonly Counter<long> Aborts = Meter.CreateCounter<long>("aurora.aborts", description: "Commands released because their node was judged dead.");
    private static readonly Counter<long> Reruns = Meter.CreateCounter<long>("aurora.unit.reruns", description: "Units of work run again after a failover.");
    private static readonly Histogram<double> ProbeLatency = Meter.CreateHistogram<double>("aurora.probe.latency", "ms", "Latency of health probes.");

    static AuroraMetrics() =>
        Meter.CreateObservableGauge("aurora.host.health", ObserveHealth, description: "Host health: 0 unknown, 1 healthy, 2 suspect, 3 unhealthy.");

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

    /// <summary>Counts one command released because its node was judged dead (called by the abort path).</summary>
    /// <param name="host">The node judged dead.</param>
    public static void RecordAbort(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Aborts.Add(1, new KeyValuePair<string, object?>("host", host.Endpoint));
    }

    internal static void RecordRerun(string cluster) => Reruns.Add(1, new KeyValuePair<string, object?>("cluster", cluster));

    internal static void RecordProbe(ProbeResult probe) =>
        ProbeLatency.Record(
            probe.Latency.TotalMilliseconds,
            new KeyValuePair<string, object?>("host", probe.Host.Endpoint),
            new KeyValuePair<string, object?>("outcome", probe.Outcome.ToString()));

    internal static void RecordHealth(long client, string cluster, HostHealth health) => Health[(client, cluster, health.Host.Endpoint)] = health.Status;

    internal static void ForgetClient(long client)
    {
        foreach (var key in Health.Keys)
        {
            if (key.Client == client)
            {
                Health.TryRemove(key, out _);
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveHealth()
    {
        foreach (var ((_, cluster, host), status) in Health)
        {
            var tags = new TagList { { "cluster", cluster }, { "host", host } };
            yield return new Measurement<int>((int)status, tags);
        }
    }
}
