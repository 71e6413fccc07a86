using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Hosts;

public class ClusterEndpointTests
{
    [Theory]
    [InlineData("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.ClusterWriter)]
    [InlineData("orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.ClusterReader)]
    [InlineData("reporting.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.ClusterCustom)]
    [InlineData("orders-proxy.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.RdsProxy)]
    [InlineData("orders-instance-1.c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.RdsInstance)]
    [InlineData("lim.shardgrp-c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.LimitlessShardGroup)]
    [InlineData("orders-global.global-a1b2c3d4e5.global.rds.amazonaws.com", EndpointKind.GlobalWriter)]
    [InlineData("10.0.0.12", EndpointKind.IPv4Address)]
    [InlineData("::1", EndpointKind.IPv6Address)]
    [InlineData("[::1]", EndpointKind.IPv6Address)]
    [InlineData("2001:db8::42", EndpointKind.IPv6Address)]
    [InlineData("[2001:DB8::42]", EndpointKind.IPv6Address)]
    [InlineData("localhost", EndpointKind.Localhost)]
    [InlineData("LocalHost", EndpointKind.Localhost)]
    [InlineData("db.example.com", EndpointKind.CustomDomain)]
    [InlineData("my-db", EndpointKind.CustomDomain)]
    [InlineData("1.2.3", EndpointKind.CustomDomain)]
    [InlineData("256.1.1.1", EndpointKind.CustomDomain)]
    [InlineData("rds.amazonaws.com", EndpointKind.CustomDomain)]
    [InlineData("us-east-2.rds.amazonaws.com", EndpointKind.CustomDomain)]
    [InlineData("a.b.c9xyz1abc.us-east-2.rds.amazonaws.com", EndpointKind.CustomDomain)]
    [InlineData("orders.cluster-.us-east-2.rds.amazonaws.com", EndpointKind.CustomDomain)]
    [InlineData("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com.evil.example", EndpointKind.CustomDomain)]
    public void Parse_Host_ClassifiesKind(string host, object expectedValue)
    {
        var expected = (EndpointKind)expectedValue;
        Assert.Equal(expected, ClusterEndpoint.Parse(host).Kind);
    }

    [Fact]
    public void Parse_ClusterWriterEndpoint_ReadsNameIdRegionAndDomain()
    {
        var endpoint = ClusterEndpoint.Parse("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com");

        Assert.Equal("orders", endpoint.ClusterName);
        Assert.Equal("c9xyz1abc", endpoint.ClusterId);
        Assert.Equal("us-east-2", endpoint.Region);
        Assert.Equal("c9xyz1abc.us-east-2.rds.amazonaws.com", endpoint.DomainSuffix);
        Assert.Equal(RdsPartition.Standard, endpoint.Partition);
        Assert.Null(endpoint.InstanceId);
        Assert.True(endpoint.IsRds);
    }

    [Fact]
    public void Parse_InstanceEndpoint_ReadsInstanceIdNotClusterName()
    {
        var endpoint = ClusterEndpoint.Parse("orders-instance-1.c9xyz1abc.eu-west-1.rds.amazonaws.com");

        Assert.Equal("orders-instance-1", endpoint.InstanceId);
        Assert.Null(endpoint.ClusterName);
        Assert.Equal("eu-west-1", endpoint.Region);
        Assert.Equal("c9xyz1abc.eu-west-1.rds.amazonaws.com", endpoint.DomainSuffix);
    }

    [Fact]
    public void Parse_UpperCaseRdsHost_ClassifiesAndLowerCasesParts()
    {
        var endpoint = ClusterEndpoint.Parse("Orders.CLUSTER-RO-C9XYZ1ABC.US-EAST-2.RDS.AMAZONAWS.COM");

        Assert.Equal(EndpointKind.ClusterReader, endpoint.Kind);
        Assert.Equal("orders", endpoint.ClusterName);
        Assert.Equal("c9xyz1abc.us-east-2.rds.amazonaws.com", endpoint.DomainSuffix);
        Assert.Equal("Orders.CLUSTER-RO-C9XYZ1ABC.US-EAST-2.RDS.AMAZONAWS.COM", endpoint.Host);
    }

    [Theory]
    [InlineData("orders.cluster-c9xyz1abc.rds.cn-northwest-1.amazonaws.com.cn", EndpointKind.ClusterWriter, "cn-northwest-1", "c9xyz1abc.rds.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("orders.cluster-ro-c9xyz1abc.rds.cn-north-1.amazonaws.com.cn", EndpointKind.ClusterReader, "cn-north-1", "c9xyz1abc.rds.cn-north-1.amazonaws.com.cn")]
    [InlineData("orders-1.c9xyz1abc.rds.cn-north-1.amazonaws.com.cn", EndpointKind.RdsInstance, "cn-north-1", "c9xyz1abc.rds.cn-north-1.amazonaws.com.cn")]
    [InlineData("orders.cluster-c9xyz1abc.cn-north-1.rds.amazonaws.com.cn", EndpointKind.ClusterWriter, "cn-north-1", "c9xyz1abc.cn-north-1.rds.amazonaws.com.cn")]
    [InlineData("orders.proxy-c9xyz1abc.rds.cn-north-1.amazonaws.com.cn", EndpointKind.RdsProxy, "cn-north-1", "c9xyz1abc.rds.cn-north-1.amazonaws.com.cn")]
    public void Parse_ChinaEndpoint_IsChinaPartition(string host, object kindValue, string region, string domain)
    {
        var kind = (EndpointKind)kindValue;
        var endpoint = ClusterEndpoint.Parse(host);

        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(RdsPartition.China, endpoint.Partition);
        Assert.Equal(region, endpoint.Region);
        Assert.Equal(domain, endpoint.DomainSuffix);
    }

    [Theory]
    [InlineData("orders.cluster-c9xyz1abc.rds.us-gov-west-1.amazonaws.com", EndpointKind.ClusterWriter, "us-gov-west-1")]
    [InlineData("orders.cluster-ro-c9xyz1abc.rds.us-gov-east-1.amazonaws.com", EndpointKind.ClusterReader, "us-gov-east-1")]
    [InlineData("orders-2.c9xyz1abc.rds.us-gov-west-1.amazonaws.com", EndpointKind.RdsInstance, "us-gov-west-1")]
    [InlineData("orders.cluster-c9xyz1abc.us-gov-west-1.rds.amazonaws.com", EndpointKind.ClusterWriter, "us-gov-west-1")]
    public void Parse_GovCloudEndpoint_IsGovCloudPartition(string host, object kindValue, string region)
    {
        var kind = (EndpointKind)kindValue;
        var endpoint = ClusterEndpoint.Parse(host);

        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(RdsPartition.GovCloud, endpoint.Partition);
        Assert.Equal(region, endpoint.Region);
    }

    [Theory]
    [InlineData("orders.cluster-c9xyz1abc.rds.us-iso-east-1.c2s.ic.gov")]
    [InlineData("orders.cluster-c9xyz1abc.rds.us-isob-east-1.sc2s.sgov.gov")]
    public void Parse_IsolatedRegionEndpoint_IsIsolatedPartition(string host)
    {
        var endpoint = ClusterEndpoint.Parse(host);

        Assert.Equal(EndpointKind.ClusterWriter, endpoint.Kind);
        Assert.Equal(RdsPartition.Isolated, endpoint.Partition);
    }

    [Fact]
    public void Parse_GlobalWriterEndpoint_HasNoRegion()
    {
        var endpoint = ClusterEndpoint.Parse("orders-global.global-a1b2c3d4e5.global.rds.amazonaws.com");

        Assert.Equal("orders-global", endpoint.ClusterName);
        Assert.Null(endpoint.Region);
        Assert.Equal("a1b2c3d4e5.global.rds.amazonaws.com", endpoint.DomainSuffix);
    }

    [Fact]
    public void Parse_ProxyCustomEndpoint_KeepsAllNameLabels()
    {
        var endpoint = ClusterEndpoint.Parse("readonly.endpoint.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com");

        Assert.Equal(EndpointKind.RdsProxy, endpoint.Kind);
        Assert.Equal("readonly.endpoint", endpoint.ClusterName);
    }

    [Theory]
    [InlineData("10.0.0.12", false)]
    [InlineData("db.example.com", false)]
    [InlineData("localhost", false)]
    public void Parse_NonRdsHost_HasNoRdsParts(string host, bool isRds)
    {
        var endpoint = ClusterEndpoint.Parse(host);

        Assert.Equal(isRds, endpoint.IsRds);
        Assert.Equal(RdsPartition.None, endpoint.Partition);
        Assert.Null(endpoint.ClusterName);
        Assert.Null(endpoint.DomainSuffix);
        Assert.Null(endpoint.Region);
    }

    [Fact]
    public void Parse_BracketedIPv6_RemovesBrackets()
    {
        var endpoint = ClusterEndpoint.Parse("[fe80::1]");

        Assert.Equal("fe80::1", endpoint.Host);
        Assert.True(endpoint.IsIPAddress);
    }

    [Fact]
    public void Parse_TrailingDot_IsIgnored()
    {
        var endpoint = ClusterEndpoint.Parse("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com.");

        Assert.Equal(EndpointKind.ClusterWriter, endpoint.Kind);
        Assert.Equal("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com", endpoint.Host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("db host.example.com")]
    [InlineData("db..example.com")]
    [InlineData("?.example.com")]
    [InlineData("db.example.com/evil")]
    [InlineData("[db.example.com]")]
    public void Parse_InvalidHost_ThrowsNamingTheHost(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterEndpoint.Parse(host));

        Assert.Contains($"'{host}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => ClusterEndpoint.Parse(null!));
    }

    [Fact]
    public void ToString_RdsEndpoint_ShowsKindAndName()
    {
        var text = ClusterEndpoint.Parse("orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com").ToString();

        Assert.Contains("ClusterReader", text, StringComparison.Ordinal);
        Assert.Contains("orders", text, StringComparison.Ordinal);
    }
}
