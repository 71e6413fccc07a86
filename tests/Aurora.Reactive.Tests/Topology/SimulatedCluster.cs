using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text.RegularExpressions;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Topology;

/// <summary>
/// Simulated cluster answering topology reads and role probes on a (virtual-time) scheduler. The
/// "control plane" publishes topology rows; by default they follow the nodes' roles, stamped now.
/// </summary>
internal sealed partial class SimulatedCluster(IScheduler scheduler, bool supportsTopologyQuery = true) : IClusterNodeClient
{
    private readonly List<SimulatedNode> _nodes = [];
    private IReadOnlyList<TopologyRow>? _published;

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    public bool SupportsTopologyQuery { get; } = supportsTopologyQuery;

    /// <summary>Operations subscribed to and not yet finished or cancelled.</summary>
    public int ActiveOperations { get; private set; }

    public SimulatedNode AddNode(string instanceId, bool isReader)
    {
        var node = new SimulatedNode(new HostSpec($"{instanceId}.cluster.test", 5432, instanceId), instanceId, isReader);
        _nodes.Add(node);
        return node;
    }

    public SimulatedNode Node(string instanceId) => _nodes.Single(n => n.InstanceId == instanceId);

    /// <summary>Publishes fixed rows (null: follow the nodes' roles again).</summary>
    public void Publish(IReadOnlyList<TopologyRow>? rows) => _published = rows;

    /// <summary>Makes <paramref name="newWriterId"/> the writer and every other node a reader, in roles and in the published topology.</summary>
    public void Failover(string newWriterId)
    {
        foreach (var node in _nodes)
        {
            node.IsReader = node.InstanceId != newWriterId;
        }

        _published = null;
    }

    /// <summary>Maps an instance id to its host, refusing ids that are not DNS labels, as the real resolver does.</summary>
    public HostSpec Resolve(string instanceId)
    {
        if (!DnsLabel().IsMatch(instanceId))
        {
            throw new ArgumentException($"Instance id '{instanceId}' is not a valid DNS label.", nameof(instanceId));
        }

        return _nodes.FirstOrDefault(n => n.InstanceId == instanceId)?.Host ?? new HostSpec($"{instanceId}.cluster.test", 5432, instanceId);
    }

    public IReadOnlyList<TopologyRow> CurrentRows() =>
        _published ?? _nodes.Select(n => new TopologyRow(n.InstanceId, !n.IsReader, 5.0, n.IsReader ? 10 : 0, scheduler.Now)).ToArray();

    public IObservable<TopologyReadResult> ReadTopology(HostSpec via) =>
        Answer<TopologyReadResult>(via, node =>
        {
            node.TopologyReads++;
            return () => TopologyRowReader.Read(node.TopologyOverride ?? CurrentRows(), Resolve, scheduler.Now, node.Host);
        });

    public IObservable<NodeIdentity> Identify(HostSpec host) =>
        Answer<NodeIdentity>(host, node =>
        {
            node.IdentifyRequests++;
            return () => new NodeIdentity(host, node.InstanceId, node.IsReader);
        });

    private IObservable<T> Answer<T>(HostSpec host, Func<SimulatedNode, Func<T>> request) =>
        Observable.Create<T>(observer =>
        {
            var node = _nodes.FirstOrDefault(n => n.Host.Endpoint == host.Endpoint);
            if (node is null)
            {
                observer.OnError(new InvalidOperationException($"No simulated node at {host.Endpoint}."));
                return Disposable.Empty;
            }

            var answer = request(node);
            ActiveOperations++;
            var finished = false;
            void Finish()
            {
                if (!finished)
                {
                    finished = true;
                    ActiveOperations--;
                }
            }

            var reply = node.NeverAnswers
                ? Observable.Never<T>()
                : Observable.Timer(node.Delay, scheduler).Select(_ => node.Failure is { } failure ? throw failure : answer());
            var subscription = reply.Finally(Finish).Subscribe(observer);
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                Finish();
            });
        });

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();
}
