using System.Reactive.Linq;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

/// <summary>
/// <c>topology.monitor</c>: a <see cref="TopologyMonitor"/> over a simulated cluster of <c>nodes</c> nodes
/// (instance-1 the writer and first seed). Inputs, all optional: <c>writer</c> (an instance id: fail over to
/// it), <c>fast</c> (any value: request fast refresh), <c>frozen</c> (an instance id: that node stops answering).
/// Outputs: <c>writer</c> (each emitted snapshot's writer id, or <c>unknown</c>), <c>mode</c>
/// (<c>fast</c>/<c>slow</c> at each switch), <c>errors</c> (<c>timeout</c> or <c>error</c> per error event).
/// Options: <c>slow</c>, <c>fast</c>, <c>linger</c>, <c>timeout</c>, <c>nodes</c>.
/// </summary>
public sealed class TopologyMonitorRunner : IMarbleScenarioRunner
{
    public string Subject => "topology.monitor";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var options = new TopologyMonitorOptions
        {
            SlowRefreshInterval = context.Options.GetTimeSpan("slow", TimeSpan.FromSeconds(30)),
            FastRefreshInterval = context.Options.GetTimeSpan("fast", TimeSpan.FromMilliseconds(100)),
            FastModeLinger = context.Options.GetTimeSpan("linger", TimeSpan.FromSeconds(30)),
            OperationTimeout = context.Options.GetTimeSpan("timeout", TimeSpan.FromSeconds(3)),
            ReadHedgeDelay = ReadHedgeDelay(context.Options),
        };
        var cluster = new SimulatedCluster(context.Scheduler);
        var nodes = context.Options.GetInt32("nodes", 3);
        for (var i = 1; i <= nodes; i++)
        {
            cluster.AddNode($"instance-{i}", isReader: i != 1);
        }

        var monitor = new TopologyMonitor(cluster, cluster.Nodes.Select(n => n.Host), context.Scheduler, options);
        Drive(context, "writer", value => cluster.Failover((string)value));
        Drive(context, "fast", _ => monitor.RequestFastRefresh());
        Drive(context, "frozen", value => cluster.Node((string)value).NeverAnswers = true);

        return new Dictionary<string, IObservable<object>>
        {
            ["writer"] = monitor.Snapshots.Select(s => (object)(s.Writer?.InstanceId ?? "unknown")),
            ["mode"] = monitor.Events.Where(e => e.Kind == TopologyMonitorEventKind.ModeChanged)
                .Select(e => (object)(e.Mode == TopologyRefreshMode.Fast ? "fast" : "slow")),
            ["errors"] = monitor.Events.Where(e => e.Kind == TopologyMonitorEventKind.Error)
                .Select(e => (object)(e.Error is TimeoutException ? "timeout" : "error")),
        };
    }

    private static void Drive(MarbleScenarioContext context, string input, Action<object> act)
    {
        if (context.HasInput(input))
        {
            context.Input(input).Subscribe(act);
        }
    }

    /// <summary>Option <c>hedge</c>: the read hedge delay, <c>off</c> for none; the library's default when absent.</summary>
    internal static TimeSpan? ReadHedgeDelay(MarbleOptions options) =>
        options.GetString("hedge", "default") switch
        {
            "off" => null,
            "default" => new TopologyMonitorOptions().ReadHedgeDelay,
            _ => options.GetTimeSpan("hedge"),
        };
}
