using System.Collections.Concurrent;
using System.Text;
using Aurora.Reactive.Client;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Topology;

namespace FailoverDemo;

/// <summary>
/// The terminal view: each host's health and role, the topology, the workload's counters and the latest
/// timeline entries, redrawn in place on an interactive terminal; plain lines (one per timeline entry, and a
/// status line every two seconds) when the output is redirected or runs in CI.
/// </summary>
internal sealed class LiveView : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HostHealth> _health = new();
    private readonly Timeline _timeline;
    private readonly bool _interactive;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private TopologySnapshot? _topology;
    private Workload? _workload;
    private int _reruns;
    private int _linesDrawn;
    private Task _loop = Task.CompletedTask;

    public LiveView(Timeline timeline, bool interactive)
    {
        _timeline = timeline;
        _interactive = interactive;
        if (!interactive)
        {
            timeline.Added += (at, what) => Console.WriteLine($"[{at.TotalSeconds,6:0.000} s] {what}");
        }
    }

    public static bool IsInteractive =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public string Phase { get; set; } = "starting";

    public void Watch(AuroraClient client, Workload workload)
    {
        _workload = workload;
        _subscriptions.Add(client.HostHealth.Subscribe(h => _health[h.Host.Endpoint] = h));
        _subscriptions.Add(client.Topology.Subscribe(t => _topology = t));
        _subscriptions.Add(client.Events.Subscribe(e =>
        {
            if (e.Kind == AuroraClientEventKind.UnitRerun)
            {
                Interlocked.Increment(ref _reruns);
            }
        }));
        _loop = _interactive ? RedrawLoopAsync(_stop.Token) : StatusLoopAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_interactive)
        {
            Draw();
        }

        _subscriptions.ForEach(s => s.Dispose());
    }

    private async Task RedrawLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            Draw();
        }
        while (await Wait(timer, cancellationToken));
    }

    private async Task StatusLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await Wait(timer, cancellationToken))
        {
            Console.WriteLine($"[{_timeline.Clock.Elapsed.TotalSeconds,6:0.000} s] {Phase}; {Counters()}; {TopologyLine()}; {string.Join(", ", Hosts().Select(h => $"{h.Name} {h.Health}"))}");
        }
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Draw()
    {
        var lines = new List<string>
        {
            $"Aurora.Reactive failover demo  |  {Phase}  |  {_timeline.Clock.Elapsed.TotalSeconds:0.0} s",
            TopologyLine(),
            $"  {"INSTANCE",-12} {"ENDPOINT",-18} {"ROLE",-8} {"HEALTH",-10} {"FAILS",5} {"PROBE",9}",
        };
        lines.AddRange(Hosts().Select(h => $"  {h.Name,-12} {h.Endpoint,-18} {h.Role,-8} {h.Health,-10} {h.Failures,5} {h.Probe,9}"));
        lines.Add(Counters());
        lines.Add("Timeline (latest):");
        lines.AddRange(_timeline.Last(8).Select(e => $"  {e.At.TotalSeconds,7:0.000} s  {e.What}"));
        var frame = new StringBuilder();
        if (_linesDrawn > 0)
        {
            frame.Append($"\u001b[{_linesDrawn}F");
        }

        foreach (var line in lines)
        {
            frame.Append("\u001b[2K").Append(line.Length > 150 ? line[..150] : line).Append('\n');
        }

        for (var extra = lines.Count; extra < _linesDrawn; extra++)
        {
            frame.Append("\u001b[2K\n");
        }

        _linesDrawn = Math.Max(lines.Count, _linesDrawn);
        Console.Out.Write(frame.ToString());
        Console.Out.Flush();
    }

    private string Counters()
    {
        var workload = _workload;
        return workload is null
            ? "Workload not started"
            : $"Writes acknowledged: {workload.AcknowledgedCount}  |  caller errors: {workload.ErrorCount}  |  units re-run after a failover: {Volatile.Read(ref _reruns)}";
    }

    private string TopologyLine()
    {
        var topology = _topology;
        return topology is null
            ? "Topology: not read yet"
            : $"Topology: writer {topology.Writer?.InstanceId ?? "unknown"}, readers {string.Join(", ", topology.Readers.Select(r => r.InstanceId))}";
    }

    private IEnumerable<(string Name, string Endpoint, string Role, string Health, int Failures, string Probe)> Hosts()
    {
        var topology = _topology;
        var known = topology?.Hosts.ToDictionary(h => h.Endpoint) ?? [];
        foreach (var endpoint in known.Keys.Union(_health.Keys).Order())
        {
            known.TryGetValue(endpoint, out var host);
            _health.TryGetValue(endpoint, out var health);
            var name = host?.InstanceId ?? health?.Host.InstanceId;
            yield return (
                name ?? "(endpoint)",
                endpoint,
                host?.Role.ToString() ?? (name is null ? "-" : "left"),
                health?.Status.ToString() ?? "Unknown",
                health?.ConsecutiveFailures ?? 0,
                health?.LastProbeLatency is { } latency ? $"{latency.TotalMilliseconds:0.0} ms" : "-");
        }
    }
}
