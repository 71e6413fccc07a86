using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Topology;

/// <summary>One simulated database node: its role, how it answers, and what it saw.</summary>
internal sealed class SimulatedNode(HostSpec host, string instanceId, bool isReader)
{
    public HostSpec Host { get; } = host;

    public string InstanceId { get; } = instanceId;

    /// <summary>What the node answers when asked its own role.</summary>
    public bool IsReader { get; set; } = isReader;

    /// <summary>How long each answer takes, in scheduler time.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>A frozen node: accepts the request and never answers.</summary>
    public bool NeverAnswers { get; set; }

    /// <summary>When set, every request fails with this error after <see cref="Delay"/>.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, the topology this node reports instead of the cluster's published one (a lagging node).</summary>
    public IReadOnlyList<Aurora.Reactive.Topology.TopologyRow>? TopologyOverride { get; set; }

    public int TopologyReads { get; set; }

    public int IdentifyRequests { get; set; }
}
