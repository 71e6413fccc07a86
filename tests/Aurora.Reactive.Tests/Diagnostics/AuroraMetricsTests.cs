using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Client;
using Aurora.Reactive.Tests.Connections.Fakes;

namespace Aurora.Reactive.Tests.Diagnostics;

public sealed class AuroraMetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public AuroraMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AuroraMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task ClientFailover_RecordsOneSucceededFailoverItsDurationAndTheRerun()
    {
        var cluster = "metrics-" + Guid.NewGuid().ToString("N");
        await using var harness = new ClientHarness(clusterKey: cluster);
        var runs = 0;

        await harness.Client.ExecuteAsync(async (c, ct) =>
        {
            if (++runs == 1)
            {
                harness.Factory.Kill(FakeCluster.Node1, FakeCluster.NodeDown());
            }

            return await ClientHarness.HostOfAsync(c, null, "SELECT 1", ct);
        });

        var ours = _measurements.Where(m => Equals(m.Tags.GetValueOrDefault("cluster"), cluster)).ToArray();
        var failover = Assert.Single(ours, m => m.Instrument == "aurora.failovers");
        Assert.Equal(("succeeded", 1.0), (failover.Tags["outcome"], failover.Value));
        Assert.Single(ours, m => m.Instrument == "aurora.failover.duration");
        Assert.Single(ours, m => m.Instrument == "aurora.unit.reruns");
    }

    [Fact]
    public void Verdict_CountsOneAbortForTheHost()
    {
        var host = new HostSpec("abort-" + Guid.NewGuid().ToString("N")[..8], 5432);
        using var telemetry = new AuroraTelemetry(null, new Microsoft.Reactive.Testing.TestScheduler(), "abort-cluster");
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        telemetry.HostDeclaredDead(new Aurora.Reactive.Monitoring.HostDeclaredDead(host, at, at, at.AddSeconds(1), 3, FromSharedHealth: false), failoverLoaded: true);

        var abort = Assert.Single(_measurements, m => m.Instrument == "aurora.aborts" && Equals(m.Tags.GetValueOrDefault("host"), host.Endpoint));
        Assert.Equal(1.0, abort.Value);
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
