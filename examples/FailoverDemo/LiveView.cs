using Aurora.Reactive.Client;
using FailoverDemo.Live;
using Spectre.Console;

namespace FailoverDemo;

/// <summary>
/// Feeds the run's events (timeline, host health, topology, writes, errors) into a <see cref="LiveModel"/> and
/// shows it: on an interactive terminal one Spectre.Console screen updated in place; otherwise plain lines,
/// one per timeline entry and a status line every two seconds.
/// </summary>
internal sealed class LiveView : IAsyncDisposable
{
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(2);

    private readonly LiveModel _model = new();
    private readonly Timeline _timeline;
    private readonly bool _interactive;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public LiveView(Timeline timeline, bool interactive)
    {
        _timeline = timeline;
        _interactive = interactive;
        timeline.Added += (at, what) =>
        {
            var entry = new TimelineNoted(at, what);
            Post(entry);
            if (!interactive)
            {
                Console.WriteLine(PlainScreen.Entry(entry));
            }
        };
        if (interactive)
        {
            _loop = LiveLoopAsync(_stop.Token);
        }
    }

    public static bool IsInteractive =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    public string Phase
    {
        set => Post(new PhaseChanged(_timeline.Clock.Elapsed, value));
    }

    public void Watch(AuroraClient client, Workload workload)
    {
        _subscriptions.Add(client.HostHealth.Subscribe(h => Post(new HostHealthReported(
            _timeline.Clock.Elapsed, h.Host.Endpoint, h.Host.InstanceId, h.Status, h.ConsecutiveFailures, h.LastProbeLatency))));
        _subscriptions.Add(client.Topology.Subscribe(t => Post(new TopologyReported(
            _timeline.Clock.Elapsed,
            t.Writer?.InstanceId ?? t.Writer?.Endpoint,
            [.. t.Hosts.Select(h => new TopologyHost(h.Endpoint, h.InstanceId, h.Role.ToString()))]))));
        workload.WriteAcknowledged += at => Post(new WriteAcknowledged(at));
        workload.ErrorSeen += (at, error) => Post(new CallerErrorSeen(at, error));
        if (!_interactive)
        {
            _loop = StatusLoopAsync(_stop.Token);
        }
    }

    /// <summary>Puts the summary on the screen; the interactive view shows it in its last frame.</summary>
    public void Show(DemoSummary summary) => Post(new RunSummarized(_timeline.Clock.Elapsed, summary));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _subscriptions.ForEach(s => s.Dispose());
        _stop.Dispose();
    }

    private void Post(DemoEvent demoEvent)
    {
        lock (_model)
        {
            _model.Apply(demoEvent);
        }
    }

    private LiveScreen Screen()
    {
        lock (_model)
        {
            return _model.Screen(_timeline.Clock.Elapsed);
        }
    }

    private Task LiveLoopAsync(CancellationToken cancellationToken) =>
        AnsiConsole.Live(SpectreScreen.Render(Screen()))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                using var timer = new PeriodicTimer(RedrawEvery);
                while (await Wait(timer, cancellationToken))
                {
                    context.UpdateTarget(SpectreScreen.Render(Screen()));
                }

                context.UpdateTarget(SpectreScreen.Render(Screen()));
                context.Refresh();
            });

    private async Task StatusLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StatusEvery);
        while (await Wait(timer, cancellationToken))
        {
            Console.WriteLine(PlainScreen.Status(Screen()));
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
}
