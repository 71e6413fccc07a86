using Aurora.Reactive.Hosts;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Tests.Hosts;

public class NodeIdTests
{
    private const string Instance1 = "instance-1.c9xyz1abc.us-east-2.rds.amazonaws.com";
    private const string Instance2 = "instance-2.c9xyz1abc.us-east-2.rds.amazonaws.com";
    private const string ClusterEndpoint = "orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com";

    private static HostSpec Row(string host, string id, HostRole role = HostRole.Writer) => new(host, 5432, id, role);

    private static HostSpec NoId(string host, int port = 5432) => new(host, port);

    // Both with an instance id: the id decides, whatever the address, the role or the metrics.
    [Fact]
    public void Of_SameInstanceIdAtAnotherAddress_IsTheSameNode() =>
        Assert.Equal(NodeId.Of(Row(Instance1, "instance-1")), NodeId.Of(Row(ClusterEndpoint, "instance-1", HostRole.Reader)));

    [Fact]
    public void Of_OtherInstanceIdAtTheSameAddress_IsAnotherNode() =>
        Assert.NotEqual(NodeId.Of(Row(ClusterEndpoint, "instance-1")), NodeId.Of(Row(ClusterEndpoint, "instance-2")));

    [Fact]
    public void Of_RoleAndMetrics_DoNotCount() =>
        Assert.Equal(NodeId.Of(Row(Instance1, "instance-1")), NodeId.Of(Row(Instance1, "instance-1", HostRole.Reader) with { CpuPercent = 80, ReplicaLag = TimeSpan.FromSeconds(1) }));

    [Fact]
    public void Of_InstanceIdCase_Counts() =>
        Assert.NotEqual(NodeId.Of(Row(Instance1, "instance-1")), NodeId.Of(Row(Instance1, "Instance-1")));

    // Neither with an instance id: the endpoint decides, the host name in any case.
    [Fact]
    public void Of_SameEndpointInAnyCase_IsTheSameNode() =>
        Assert.Equal(NodeId.Of(NoId(Instance1)), NodeId.Of(NoId(Instance1.ToUpperInvariant())));

    [Fact]
    public void Of_SameHostOtherPort_IsAnotherNode() =>
        Assert.NotEqual(NodeId.Of(NoId(Instance1)), NodeId.Of(NoId(Instance1, 5433)));

    [Fact]
    public void Of_OtherHostSamePort_IsAnotherNode() =>
        Assert.NotEqual(NodeId.Of(NoId(Instance1)), NodeId.Of(NoId(Instance2)));

    // One with an instance id, one without: not the same by themselves, even at the same address (the address may be an
    // endpoint that forwards to any node); the one without is resolved against the known nodes first.
    [Fact]
    public void Of_WithAndWithoutIdAtTheSameAddress_AreNotTheSameUnresolved() =>
        Assert.NotEqual(NodeId.Of(Row(Instance1, "instance-1")), NodeId.Of(NoId(Instance1)));

    [Fact]
    public void Of_HostWithoutIdAtARowsAddress_IsThatRowsNode()
    {
        var topology = new TopologySnapshot(Row(Instance1, "instance-1"), [Row(Instance2, "instance-2", HostRole.Reader)], DateTimeOffset.UnixEpoch);

        Assert.Equal(NodeId.Of(Row(Instance1, "instance-1")), NodeId.Of(NoId(Instance1.ToUpperInvariant()), topology));
        Assert.Equal(NodeId.Of(Row(Instance2, "instance-2")), NodeId.Of(NoId(Instance2), topology));
    }

    [Fact]
    public void Of_HostWithoutIdAtNoRowsAddress_StaysItsEndpoint()
    {
        var topology = new TopologySnapshot(Row(Instance1, "instance-1"), [], DateTimeOffset.UnixEpoch);

        var endpoint = NodeId.Of(NoId(ClusterEndpoint), topology);

        Assert.Equal(NodeId.Of(NoId(ClusterEndpoint)), endpoint);
        Assert.Null(endpoint.InstanceId);
    }

    [Fact]
    public void Of_HostWithIdAtARowsAddress_KeepsItsOwnId()
    {
        // A connection through an endpoint learns its node's id; a row that happens to share the address does not override it.
        var known = new[] { Row(ClusterEndpoint, "instance-2") };

        Assert.Equal("instance-1", NodeId.Of(Row(ClusterEndpoint, "instance-1"), known).InstanceId);
    }

    [Fact]
    public void Of_HostWithoutIdAgainstNoTopology_IsItsEndpoint() =>
        Assert.Equal(NodeId.Of(NoId(Instance1)), NodeId.Of(NoId(Instance1), (TopologySnapshot?)null));

    [Fact]
    public void Of_HostWithoutIdAtTheAddressOfARowWithoutId_StaysItsEndpoint() =>
        Assert.Equal(NodeId.Of(NoId(Instance1)), NodeId.Of(NoId(Instance1), [NoId(Instance1)]));

    [Fact]
    public void At_IgnoresTheInstanceId() =>
        Assert.Equal(NodeId.At(Row(ClusterEndpoint, "instance-1")), NodeId.At(NoId(ClusterEndpoint.ToUpperInvariant())));

    [Fact]
    public void Node_OfAHost_IsItsNodeId() =>
        Assert.Equal(NodeId.Of(Row(Instance1, "instance-1")), Row(Instance1, "instance-1").Node);

    [Fact]
    public void Equality_AsADictionaryKey_FindsTheSameNodeReachedElsewhere()
    {
        var dead = new HashSet<NodeId> { Row(ClusterEndpoint, "instance-1").Node, NoId(Instance2).Node };

        Assert.Contains(Row(Instance1, "instance-1").Node, dead);
        Assert.Contains(NoId(Instance2.ToUpperInvariant()).Node, dead);
        Assert.DoesNotContain(Row(ClusterEndpoint, "instance-3").Node, dead);
    }

    // Same: each resolved against the other, for every pair of with and without an instance id.
    [Theory]
    [InlineData(Instance1, "instance-1", Instance1, "instance-1", true)]
    [InlineData(ClusterEndpoint, "instance-1", Instance1, "instance-1", true)]
    [InlineData(ClusterEndpoint, "instance-1", ClusterEndpoint, "instance-2", false)]
    [InlineData(Instance1, "instance-1", Instance1, null, true)]
    [InlineData(Instance1, null, Instance1, "instance-1", true)]
    [InlineData(Instance2, null, Instance1, "instance-1", false)]
    [InlineData(Instance1, null, Instance1, null, true)]
    [InlineData(Instance1, null, Instance2, null, false)]
    public void Same_EachResolvedAgainstTheOther(string hostA, string? idA, string hostB, string? idB, bool same)
    {
        var a = new HostSpec(hostA, 5432, idA);
        var b = new HostSpec(hostB.ToUpperInvariant(), 5432, idB);

        Assert.Equal(same, NodeId.Same(a, b));
        Assert.Equal(same, NodeId.Same(b, a));
    }
}
