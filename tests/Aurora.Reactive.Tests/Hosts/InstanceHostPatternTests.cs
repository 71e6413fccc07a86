using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Hosts;

public class InstanceHostPatternTests
{
    [Theory]
    [InlineData("?.my-domain.com", "?.my-domain.com", null)]
    [InlineData("any-subdomain.?.my-domain.com:9999", "any-subdomain.?.my-domain.com", 9999)]
    [InlineData("?", "?", null)]
    [InlineData("db-?.internal:5433", "db-?.internal", 5433)]
    [InlineData("?.c9xyz1abc.us-east-2.rds.amazonaws.com", "?.c9xyz1abc.us-east-2.rds.amazonaws.com", null)]
    [InlineData("  ?.my-domain.com  ", "?.my-domain.com", null)]
    public void Parse_ValidPattern_SplitsHostTemplateAndPort(string text, string hostTemplate, int? port)
    {
        var pattern = InstanceHostPattern.Parse(text);

        Assert.Equal(hostTemplate, pattern.HostTemplate);
        Assert.Equal(port, pattern.Port);
    }

    [Fact]
    public void Parse_PatternWithoutQuestionMark_ThrowsNamingThePattern()
    {
        var error = Assert.Throws<ArgumentException>(() => InstanceHostPattern.Parse("db.my-domain.com"));

        Assert.Contains("'db.my-domain.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no '?'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternWithTwoQuestionMarks_ThrowsNamingThePattern()
    {
        var error = Assert.Throws<ArgumentException>(() => InstanceHostPattern.Parse("?.?.my-domain.com"));

        Assert.Contains("'?.?.my-domain.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 '?'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com", "RdsProxy")]
    [InlineData("?.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com", "ClusterCustom")]
    [InlineData("?.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com", "ClusterWriter")]
    [InlineData("?.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com", "ClusterReader")]
    public void Parse_PatternNamingNonInstanceRdsEndpoint_ThrowsNamingThePatternAndKind(string text, string kind)
    {
        var error = Assert.Throws<ArgumentException>(() => InstanceHostPattern.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no '?'")]
    [InlineData("?.my-domain.com:0", "port '0'")]
    [InlineData("?.my-domain.com:70000", "port '70000'")]
    [InlineData("?.my-domain.com:abc", "port 'abc'")]
    [InlineData("db.my-domain.com:?", "port '?'")]
    [InlineData("?..my-domain.com", "valid host names")]
    [InlineData("? .my-domain.com", "valid host names")]
    [InlineData("?.my/domain.com", "valid host names")]
    public void Parse_MalformedPattern_ThrowsNamingThePatternAndReason(string text, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => InstanceHostPattern.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com", "?.c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("orders.cluster-ro-c9xyz1abc.us-east-2.rds.amazonaws.com", "?.c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("reporting.cluster-custom-c9xyz1abc.us-east-2.rds.amazonaws.com", "?.c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("orders-1.c9xyz1abc.us-east-2.rds.amazonaws.com", "?.c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("ORDERS.CLUSTER-C9XYZ1ABC.US-EAST-2.RDS.AMAZONAWS.COM", "?.c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("orders.cluster-c9xyz1abc.rds.cn-north-1.amazonaws.com.cn", "?.c9xyz1abc.rds.cn-north-1.amazonaws.com.cn")]
    [InlineData("orders.cluster-c9xyz1abc.rds.us-gov-west-1.amazonaws.com", "?.c9xyz1abc.rds.us-gov-west-1.amazonaws.com")]
    public void TryDerive_RdsClusterOrInstanceEndpoint_DerivesInstancePattern(string host, string expected)
    {
        Assert.True(InstanceHostPattern.TryDerive(ClusterEndpoint.Parse(host), out var pattern));
        Assert.Equal(expected, pattern!.Text);
        Assert.Null(pattern.Port);
    }

    [Theory]
    [InlineData("10.0.0.12")]
    [InlineData("::1")]
    [InlineData("localhost")]
    [InlineData("db.example.com")]
    [InlineData("orders.proxy-c9xyz1abc.us-east-2.rds.amazonaws.com")]
    [InlineData("orders-global.global-a1b2c3d4e5.global.rds.amazonaws.com")]
    [InlineData("lim.shardgrp-c9xyz1abc.us-east-2.rds.amazonaws.com")]
    public void TryDerive_HostWithoutInstanceDomain_DerivesNothing(string host)
    {
        Assert.False(InstanceHostPattern.TryDerive(ClusterEndpoint.Parse(host), out var pattern));
        Assert.Null(pattern);
    }

    [Fact]
    public void Resolve_DerivedPattern_BuildsTheInstanceEndpoint()
    {
        InstanceHostPattern.TryDerive(ClusterEndpoint.Parse("orders.cluster-c9xyz1abc.us-east-2.rds.amazonaws.com"), out var pattern);

        var host = pattern!.Resolve("orders-instance-2", 5432);

        Assert.Equal("orders-instance-2.c9xyz1abc.us-east-2.rds.amazonaws.com", host.Host);
        Assert.Equal(5432, host.Port);
        Assert.Equal("orders-instance-2", host.InstanceId);
        Assert.Equal(HostRole.Unknown, host.Role);
    }

    [Fact]
    public void Resolve_PatternWithPort_UsesPatternPortOverDefault()
    {
        var host = InstanceHostPattern.Parse("any-subdomain.?.my-domain.com:9999").Resolve("node-3", 5432);

        Assert.Equal("any-subdomain.node-3.my-domain.com", host.Host);
        Assert.Equal(9999, host.Port);
    }

    [Theory]
    [InlineData("evil.attacker.com")]
    [InlineData("node:1")]
    [InlineData("-node")]
    [InlineData("")]
    public void Resolve_InvalidInstanceId_ThrowsBeforeBuildingAHost(string instanceId)
    {
        var pattern = InstanceHostPattern.Parse("?.my-domain.com");

        var error = Assert.Throws<InvalidInstanceIdException>(() => pattern.Resolve(instanceId, 5432));

        Assert.Contains($"'{instanceId}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolver_ResolveAsFunc_UsesDefaultPort()
    {
        IInstanceEndpointResolver resolver = new InstanceHostPatternResolver(InstanceHostPattern.Parse("?.my-domain.com"), 6543);
        Func<string, HostSpec> toHost = resolver.Resolve;

        var host = toHost("n1");

        Assert.Equal("n1.my-domain.com:6543", host.Endpoint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Resolver_BadDefaultPort_Throws(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstanceHostPatternResolver(InstanceHostPattern.Parse("?"), port));
    }
}
