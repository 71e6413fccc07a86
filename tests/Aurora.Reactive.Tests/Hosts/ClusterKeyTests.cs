using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Hosts;

public class ClusterKeyTests
{
    private static ClusterKey KeyOf(string host, int port = 5432) => ClusterKey.From(ClusterEndpoint.Parse(host), port);

    [Fact]
    public void From_WriterAndReaderEndpointsOfOneCluster_AreEqual()
    {
        Assert.Equal(
            KeyOf("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"),
            KeyOf("orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com"));
    }

    [Fact]
    public void From_TwoClustersOfOneAccountAndRegion_Differ()
    {
        // Same XYZ (account and region), different clusters: JDBC #2110 shared one cache between such clusters.
        Assert.NotEqual(
            KeyOf("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"),
            KeyOf("billing.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"));
    }

    [Fact]
    public void From_SameClusterNameInTwoRegions_Differ()
    {
        Assert.NotEqual(
            KeyOf("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"),
            KeyOf("orders.cluster-c9xyz1abc.eu-west-1.rds.amazonaws.com"));
    }

    [Fact]
    public void From_HostNameCase_DoesNotMatter()
    {
        Assert.Equal(
            KeyOf("ORDERS.cluster-C9XYZ1ABC.us-east-2.rds.amazonaws.com"),
            KeyOf("orders.cluster-ro-c9xyz1abc.US-EAST-2.rds.amazonaws.com"));
        Assert.Equal(KeyOf("DB.Example.com"), KeyOf("db.example.com"));
    }

    [Fact]
    public void From_TwoLocalClustersOnOneAddress_DifferByPort()
    {
        Assert.NotEqual(KeyOf("127.0.0.1", 5433), KeyOf("127.0.0.1", 6433));
        Assert.Equal(KeyOf("127.0.0.1", 5433), KeyOf("127.0.0.1", 5433));
    }

    [Fact]
    public void From_IPv6Host_IsBracketedInTheKey()
    {
        Assert.Equal("host:[::1]:5432", KeyOf("[::1]").Value);
    }

    [Fact]
    public void From_CustomEndpoint_IsNotTheClusterKey()
    {
        // A custom endpoint's name is an alias, not the cluster's: do not guess that it belongs to "orders".
        Assert.NotEqual(
            KeyOf("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"),
            KeyOf("orders.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com"));
    }

    [Fact]
    public void FromClusterId_IgnoresCaseAndDiffersFromHostKeys()
    {
        Assert.Equal(ClusterKey.FromClusterId("Orders"), ClusterKey.FromClusterId("orders"));
        Assert.NotEqual(ClusterKey.FromClusterId("db.example.com"), KeyOf("db.example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void FromClusterId_Blank_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => ClusterKey.FromClusterId(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void From_BadPort_Throws(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterKey.From(ClusterEndpoint.Parse("localhost"), port));
    }
}
