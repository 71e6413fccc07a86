using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Tests.Failover;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary>
/// <c>failover.cluster</c>: the <see cref="FailoverCoordinator"/> over a real <see cref="TopologyMonitor"/> and a simulated
/// cluster of <c>instance-1</c> (writer, first seed) to <c>instance-N</c>, in virtual time.
/// </summary>
/// <remarks>
/// <para>Inputs (values are instance ids unless said): <c>fail</c> (start <c>connections</c> failovers of connections on
/// that node, believed the writer), <c>crash</c> (the node refuses), <c>freeze</c> (the node never answers),
/// <c>restart</c> (answers again), <c>promote</c> (the node becomes the writer by role, every other a reader; the
/// published topology stays as it was), <c>publish</c> (<c>roles</c>: the topology follows the roles again;
/// <c>two:X:Y</c>: rows name both X and Y writer, Y updated later).</para>
/// <para>An idle logical connection on instance-1 (believed the writer) is attached from the start.</para>
/// <para>Options: <c>nodes</c> (3), <c>mode</c>, <c>connections</c> (1), <c>reconnect</c>, <c>timeout</c>, <c>fast</c>
/// (100ms), <c>slow</c> (30s), <c>linger</c> (30s), <c>optimeout</c> (3s).</para>
/// <para>Outputs: <c>outcome</c> (per ended failover, the new node's id or <c>failed</c>), <c>attempts</c> (the node of
/// each connection attempt, when it starts), <c>lost</c> (<c>lost</c> when the attached connection is told its node
/// is no longer the writer), <c>searches</c> (the number of shared searches, at each ended failover).</para>
/// </remarks>
public sealed class FailoverClusterRunner : IMarbleScenarioRunner
{
    public string Subject => "failover.cluster";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var options = context.Options;
        var monitorOptions = new TopologyMonitorOptions
        {
            FastRefreshInterval = options.GetTimeSpan("fast", TimeSpan.FromMilliseconds(100)),
            SlowRefreshInterval = options.GetTimeSpan("slow", TimeSpan.FromSeconds(30)),
            FastModeLinger = options.GetTimeSpan("linger", TimeSpan.FromSeconds(30)),
            OperationTimeout = options.GetTimeSpan("optimeout", TimeSpan.FromSeconds(3)),
            ReadHedgeDelay = Topology.TopologyMonitorRunner.ReadHedgeDelay(options),
        };
        var timing = new FailoverTiming
        {
            WriterReconnectInterval = options.GetTimeSpan("reconnect", TimeSpan.FromSeconds(2)),
            Timeout = options.GetTimeSpan("timeout", TimeSpan.FromSeconds(300)),
        };
        var mode = FailoverModeNames.Parse(options.GetString("mode", "strict_writer"));
        var connections = options.GetInt32("connections", 1);
        var harness = new FailoverHarness(context.Scheduler, options.GetInt32("nodes", 3), mode, timing, monitorOptions);
        var lost = new Subject<object>();
        var idle = new SimulatedLogicalConnection(harness.Writer("instance-1")) { OnLost = (_, _) => lost.OnNext("lost") };
        harness.Coordinator.Attach(idle);
        var pinned = false;

        Drive(context, "fail", id =>
        {
            for (var i = 0; i < connections; i++)
            {
                _ = harness.FailOver(harness.Writer(id));
            }
        });
        Drive(context, "crash", harness.Crash);
        Drive(context, "freeze", id => harness.Cluster.Node(id).NeverAnswers = true);
        Drive(context, "restart", id =>
        {
            harness.Cluster.Node(id).Failure = null;
            harness.Cluster.Node(id).NeverAnswers = false;
        });
        Drive(context, "promote", id =>
        {
            if (!pinned)
            {
                harness.Cluster.Publish(harness.Cluster.CurrentRows());
                pinned = true;
            }

            foreach (var node in harness.Cluster.Nodes)
            {
                node.IsReader = node.InstanceId != id;
            }
        });
        Drive(context, "publish", value =>
        {
            pinned = value != "roles";
            harness.Cluster.Publish(value == "roles" ? null : TwoWriters(harness, value.Split(':')));
        });

        return new Dictionary<string, IObservable<object>>
        {
            ["outcome"] = harness.Coordinator.Reports.Select(r => (object)(r.NewHost?.InstanceId ?? "failed")),
            ["attempts"] = harness.Connector.Attempts.Select(h => (object)h.InstanceId!),
            ["lost"] = lost,
            ["searches"] = harness.Coordinator.Reports.Select(_ => (object)(long)harness.Coordinator.SearchCount),
        };
    }

    private static TopologyRow[] TwoWriters(FailoverHarness harness, string[] parts)
    {
        var now = harness.Scheduler.Now;
        return harness.Cluster.Nodes.Select(n => n.InstanceId == parts[1]
                ? new TopologyRow(n.InstanceId, true, 5.0, 0, now - TimeSpan.FromMilliseconds(100))
                : n.InstanceId == parts[2]
                    ? new TopologyRow(n.InstanceId, true, 5.0, 0, now)
                    : new TopologyRow(n.InstanceId, false, 5.0, 10, now))
            .ToArray();
    }

    private static void Drive(MarbleScenarioContext context, string input, Action<string> act)
    {
        if (context.HasInput(input))
        {
            context.Input(input).Subscribe(value => act((string)value));
        }
    }
}
