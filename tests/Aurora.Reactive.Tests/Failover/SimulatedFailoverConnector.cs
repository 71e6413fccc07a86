using System.Reactive.Linq;
using System.Reactive.Subjects;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Tests.Topology;

namespace Aurora.Reactive.Tests.Failover;

/// <summary>
/// Failover attempts against a <see cref="SimulatedCluster"/> in virtual time: a node with a failure refuses
/// after its delay, a frozen node never answers, any other node opens and reports its current role. A node
/// with stale pooled connections fails its next attempts at once, during the subscription, as a driver pool
/// that hands out a connection the server closed while it sat idle does.
/// Records every attempt and counts the connections still open.
/// </summary>
internal sealed class SimulatedFailoverConnector(SimulatedCluster cluster, System.Reactive.Concurrency.IScheduler scheduler) : IFailoverConnector
{
    private readonly Subject<HostSpec> _attempts = new();
    private readonly Dictionary<string, int> _stale = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>Each attempt, when it starts.</summary>
    public IObservable<HostSpec> Attempts => _attempts;

    public int AttemptCount { get; private set; }

    /// <summary>Connections opened and not yet disposed.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public List<SimulatedDbConnection> Opened { get; } = [];

    /// <summary>Makes the next <paramref name="count"/> attempts on <paramref name="instanceId"/> fail at once.</summary>
    public void StalePooledConnections(string instanceId, int count) => _stale[cluster.Node(instanceId).Host.Endpoint] = count;

    public IObservable<VerifiedConnection> Connect(HostSpec host) =>
        Observable.Defer(() =>
        {
            AttemptCount++;
            _attempts.OnNext(host);
            var node = cluster.Nodes.FirstOrDefault(n => n.Host.Endpoint == host.Endpoint);
            if (node is null)
            {
                return Observable.Throw<VerifiedConnection>(new IOException($"No simulated node at {host.Endpoint}."));
            }

            if (_stale.TryGetValue(host.Endpoint, out var stale) && stale > 0)
            {
                _stale[host.Endpoint] = stale - 1;
                return Observable.Throw<VerifiedConnection>(new IOException($"57P01: the pooled connection to {host.Endpoint} was closed by the server."));
            }

            if (node.NeverAnswers)
            {
                return Observable.Never<VerifiedConnection>();
            }

            return Observable.Timer(node.Delay, scheduler).Select(_ =>
            {
                if (node.Failure is { } failure)
                {
                    throw failure;
                }

                Interlocked.Increment(ref _open);
                var verified = new HostSpec(node.Host.Host, node.Host.Port, node.InstanceId, node.IsReader ? HostRole.Reader : HostRole.Writer);
                var connection = new SimulatedDbConnection(verified, () => Interlocked.Decrement(ref _open));
                Opened.Add(connection);
                return new VerifiedConnection(connection, verified);
            });
        });
}
