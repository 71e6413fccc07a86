using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Topology;

/// <summary>
/// The I/O a <see cref="TopologyMonitor"/> needs, as cold observables: each subscription does the work
/// once, yields one value and completes, or fails; unsubscribing cancels it. A real implementation talks
/// to servers (<see cref="DbClusterNodeClient"/>); a simulated one answers in virtual time.
/// </summary>
internal interface IClusterNodeClient
{
    /// <summary>Whether the cluster has a topology query; when not, the monitor builds topology from <see cref="Identify"/> answers.</summary>
    bool SupportsTopologyQuery { get; }

    /// <summary>Reads the cluster topology through one node.</summary>
    /// <param name="via">The node to run the topology query on.</param>
    /// <returns>One read result, or an error when the node cannot be reached or the query fails.</returns>
    IObservable<TopologyReadResult> ReadTopology(HostSpec via);

    /// <summary>Asks a node its own instance id and role.</summary>
    /// <param name="host">The node to ask.</param>
    /// <returns>The node's answer, or an error when it cannot be reached.</returns>
    IObservable<NodeIdentity> Identify(HostSpec host);
}
