using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Tests.Monitoring;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary>
/// <c>efm.commands</c>: commands on one simulated host, watched through a <see cref="HostMonitorRegistry"/>.
/// </summary>
/// <remarks>
/// <para>Inputs: <c>host</c> says how the host answers probes from each value on: <c>answered</c> (after
/// option <c>latency</c>, default 0ms), <c>failed</c> (refuses after <c>latency</c>) or <c>frozen</c> (never
/// answers). Every other input is a command: it starts at its first value and ends when the input completes.</para>
/// <para>Options: <c>failure_detection_time_ms</c>, <c>failure_detection_interval_ms</c>,
/// <c>failure_detection_count</c>, <c>monitor_disposal_time_ms</c> (default 60000),
/// <c>monitoring_timeout_ms</c> (optional), <c>latency</c>.</para>
/// <para>Outputs: <c>probes</c> (<c>answered</c>, <c>failed</c>, <c>timed-out</c>, at each probe's
/// completion), <c>health</c> (the host's status on each change: <c>unknown</c>, <c>healthy</c>,
/// <c>suspect</c>, <c>unhealthy</c>), <c>monitor</c> (<c>created</c> and <c>disposed</c>, one pair per
/// monitor), and for each command <c>NAME.dead</c>: <c>dead</c> (counted probes) or <c>dead-shared</c> (the
/// shared-health fast path) when its host is declared dead, completing when the command ends.</para>
/// </remarks>
public sealed class EfmCommandRunner : IMarbleScenarioRunner
{
    private static readonly HostSpec Host = new("node-1.example", 5432, "node-1");

    public string Subject => "efm.commands";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var settings = Settings(context.Options);
        var latency = context.Options.GetTimeSpan("latency", TimeSpan.Zero);
        var scheduler = context.Scheduler;
        var monitorEvents = new Subject<object>();
        var behavior = SimulatedAnswer.Ok(latency);
        var probers = new List<SimulatedHostProber>();
        context.Input("host").Subscribe(value =>
        {
            behavior = Answer((string)value, latency);
            probers.ForEach(p => p.Behavior = behavior);
        });

        var registry = new HostMonitorRegistry(
            (_, _) =>
            {
                monitorEvents.OnNext("created");
                var prober = new SimulatedHostProber(scheduler, behavior, () => monitorEvents.OnNext("disposed"));
                probers.Add(prober);
                return prober;
            },
            scheduler);

        var outputs = new Dictionary<string, IObservable<object>>(StringComparer.Ordinal)
        {
            ["probes"] = registry.Probes.Select(p => (object)Describe(p.Outcome)),
            ["health"] = registry.Health.Select(h => h.Status).DistinctUntilChanged().Select(s => (object)Describe(s)),
            ["monitor"] = monitorEvents,
        };
        foreach (var name in context.InputNames.Where(n => n != "host").ToList())
        {
            var command = context.Input(name);
            var ended = command.IgnoreElements().Materialize().Take(1);
            outputs[$"{name}.dead"] = command.Take(1)
                .SelectMany(_ => registry.WatchCommand(Host, settings))
                .Select(verdict => (object)(verdict.FromSharedHealth ? "dead-shared" : "dead"))
                .TakeUntil(ended);
        }

        return outputs;
    }

    private static FailureDetectionSettings Settings(MarbleOptions options) =>
        FailureDetectionSettings.FromMilliseconds(
            options.GetInt32(FailureDetectionSettings.TimeKey),
            options.GetInt32(FailureDetectionSettings.IntervalKey),
            options.GetInt32(FailureDetectionSettings.CountKey),
            options.GetInt32(FailureDetectionSettings.DisposalDelayKey, 60_000),
            options.Contains(FailureDetectionSettings.MonitoringTimeoutKey) ? options.GetInt32(FailureDetectionSettings.MonitoringTimeoutKey) : null);

    private static SimulatedAnswer Answer(string value, TimeSpan latency) => value switch
    {
        "answered" => SimulatedAnswer.Ok(latency),
        "failed" => SimulatedAnswer.FailAfter(latency),
        "frozen" => SimulatedAnswer.Never,
        _ => throw new FormatException($"Host behaviour '{value}' is not one of: answered, failed, frozen."),
    };

    private static string Describe(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Answered => "answered",
        ProbeOutcome.Failed => "failed",
        _ => "timed-out",
    };

    private static string Describe(HostHealthStatus status) => status.ToString().ToLowerInvariant();
}
