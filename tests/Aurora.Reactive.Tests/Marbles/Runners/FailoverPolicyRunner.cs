using System.Globalization;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Topology;
using CustomFailoverPolicy;

namespace Aurora.Reactive.Tests.Marbles.Runners;

/// <summary>
/// <c>failover.policy</c>: one failover policy, fed by marble signals, its decisions compared with a marble line.
/// </summary>
/// <remarks>
/// <para>Nodes are named by their instance id (<c>1</c>, <c>east-1</c>...). Inputs: <c>topology</c> (snapshots written
/// <c>writer|reader,reader</c>, <c>?</c> for an unknown writer, a reader's lag in ms after <c>~</c>: <c>1|2~8000,3</c>),
/// <c>attempts</c> (results of the attempts the decisions asked for: <c>2:failed</c>, <c>2:reader</c>, <c>2:writer</c>,
/// judged against the role the decision expected) and <c>health</c> (<c>1:dead</c>, <c>1:ok</c>).</para>
/// <para>Options: <c>mode</c> (<c>strict_writer</c> by default), <c>failed</c> (the failed node, default <c>1</c>),
/// <c>failed_role</c> (<c>writer</c> or <c>reader</c>, default <c>writer</c>), <c>reconnect</c>, and for the
/// example policies <c>policy</c> (<c>max-lag</c> with <c>max_lag</c>, or <c>prefer-prefix</c> with <c>prefix</c>).</para>
/// <para>Output <c>decisions</c>: <c>w2</c>/<c>r2</c>/<c>a2</c> (connect to 2 expecting the writer, a reader, any role),
/// <c>wait</c>, <c>giveup</c>.</para>
/// </remarks>
public sealed class FailoverPolicyRunner : IMarbleScenarioRunner
{
    public string Subject => "failover.policy";

    public IReadOnlyDictionary<string, IObservable<object>> Run(MarbleScenarioContext context)
    {
        var options = context.Options;
        var mode = FailoverModeNames.Parse(options.GetString("mode", "strict_writer"));
        var failedRole = options.GetString("failed_role", "writer") == "reader" ? HostRole.Reader : HostRole.Writer;
        var failed = Node(options.GetString("failed", "1"), failedRole);
        var timing = new FailoverTiming
        {
            WriterReconnectInterval = options.GetTimeSpan("reconnect", TimeSpan.FromSeconds(2)),
        };
        var policy = Policy(options, FailoverPolicies.ForMode(mode));
        var attempts = new Subject<ConnectAttempt>();
        var expected = new Dictionary<string, HostRole>(StringComparer.Ordinal);
        var signals = new ClusterSignals(failed, mode, timing, context.Scheduler, Input(context, "topology").Select(v => Snapshot((string)v, context.Scheduler.Now)), attempts)
        {
            Health = Input(context, "health").Select(v => Health((string)v, context.Scheduler.Now)),
        };
        if (context.HasInput("attempts"))
        {
            context.Input("attempts").Subscribe(v => attempts.OnNext(Attempt((string)v, expected)));
        }

        var decisions = policy.Decide(signals)
            .Do(d =>
            {
                if (d.Kind == FailoverDecisionKind.ConnectTo)
                {
                    expected[d.Host!.InstanceId!] = d.ExpectedRole;
                }
            })
            .Select(d => (object)Describe(d));
        return new Dictionary<string, IObservable<object>> { ["decisions"] = decisions };
    }

    private static IFailoverPolicy Policy(MarbleOptions options, IFailoverPolicy builtIn) => options.GetString("policy", "built-in") switch
    {
        "built-in" => builtIn,
        "max-lag" => new MaxReplicaLagPolicy(options.GetTimeSpan("max_lag")),
        "prefer-prefix" => new PreferInstancePrefixPolicy(options.GetString("prefix")),
        var other => throw new ArgumentException($"Unknown policy '{other}'; expected built-in, max-lag or prefer-prefix."),
    };

    private static IObservable<object> Input(MarbleScenarioContext context, string name) =>
        context.HasInput(name) ? context.Input(name) : Observable.Empty<object>();

    internal static HostSpec Node(string id, HostRole role, TimeSpan? lag = null) =>
        new($"{id}.cluster.test", 5432, id, role) { ReplicaLag = lag };

    internal static TopologySnapshot Snapshot(string text, DateTimeOffset now)
    {
        var parts = text.Split('|');
        var writer = parts[0] == "?" ? null : Node(parts[0], HostRole.Writer);
        var readers = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r =>
        {
            var lag = r.Split('~');
            return Node(lag[0], HostRole.Reader, lag.Length > 1 ? TimeSpan.FromMilliseconds(int.Parse(lag[1], CultureInfo.InvariantCulture)) : null);
        }).ToList();
        return new TopologySnapshot(writer, readers, now);
    }

    private static HostHealth Health(string text, DateTimeOffset now)
    {
        var parts = text.Split(':');
        return new HostHealth(Node(parts[0], HostRole.Unknown), parts[1] == "dead" ? HostHealthStatus.Unhealthy : HostHealthStatus.Healthy, 0, null, now);
    }

    private static ConnectAttempt Attempt(string text, Dictionary<string, HostRole> expected)
    {
        var parts = text.Split(':');
        var role = expected.GetValueOrDefault(parts[0]);
        var host = Node(parts[0], HostRole.Unknown);
        if (parts[1] == "failed")
        {
            return new ConnectAttempt(host, role, ConnectAttemptOutcome.Failed, Error: new IOException("refused"));
        }

        var reported = parts[1] == "writer" ? HostRole.Writer : HostRole.Reader;
        var outcome = role == HostRole.Unknown || role == reported ? ConnectAttemptOutcome.Accepted : ConnectAttemptOutcome.WrongRole;
        return new ConnectAttempt(host, role, outcome, reported);
    }

    internal static string Describe(FailoverDecision decision) => decision.Kind switch
    {
        FailoverDecisionKind.ConnectTo => (decision.ExpectedRole switch { HostRole.Writer => "w", HostRole.Reader => "r", _ => "a" }) + decision.Host!.InstanceId,
        FailoverDecisionKind.Wait => "wait",
        _ => "giveup",
    };
}
