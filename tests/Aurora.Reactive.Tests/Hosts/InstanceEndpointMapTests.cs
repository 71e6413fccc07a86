using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Hosts;

public class InstanceEndpointMapTests
{
    [Fact]
    public void Parse_IPv4AndBracketedIPv6Entries_ResolveToTheirEndpoints()
    {
        var map = InstanceEndpointMap.Parse("instance-1=127.0.0.1:5433, instance-2=[::1]:5434", 5432);

        Assert.Equal("127.0.0.1:5433", map.Resolve("instance-1").Endpoint);
        var second = map.Resolve("instance-2");
        Assert.Equal("::1", second.Host);
        Assert.Equal(5434, second.Port);
        Assert.Equal("instance-2", second.InstanceId);
        Assert.Equal(["instance-1", "instance-2"], map.InstanceIds);
    }

    [Fact]
    public void Parse_EntryWithoutPort_UsesDefaultPort()
    {
        var map = InstanceEndpointMap.Parse("a=db-a.internal,b=::1", 6000);

        Assert.Equal("db-a.internal:6000", map.Resolve("a").Endpoint);
        Assert.Equal("[::1]:6000", map.Resolve("b").Endpoint);
    }

    [Fact]
    public void Resolve_InstanceIdInOtherCase_IsFound()
    {
        var map = InstanceEndpointMap.Parse("Instance-1=127.0.0.1:5433", 5432);

        Assert.Equal(5433, map.Resolve("instance-1").Port);
    }

    [Fact]
    public void Resolve_UnlistedInstance_ThrowsNamingItAndTheListedOnes()
    {
        var map = InstanceEndpointMap.Parse("instance-1=127.0.0.1:5433,instance-2=127.0.0.1:5434", 5432);

        var error = Assert.Throws<InstanceEndpointNotFoundException>(() => map.Resolve("instance-9"));

        Assert.Equal("instance-9", error.InstanceId);
        Assert.Contains("'instance-9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("instance-1, instance-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidInstanceId_ThrowsInvalidInstanceId()
    {
        var map = InstanceEndpointMap.Parse("instance-1=127.0.0.1:5433", 5432);

        Assert.Throws<InvalidInstanceIdException>(() => map.Resolve("instance-1.evil.com"));
    }

    [Theory]
    [InlineData("", "entry ''")]
    [InlineData("instance-1", "expected instanceId=host:port")]
    [InlineData("instance-1=127.0.0.1:5433,", "entry ''")]
    [InlineData("bad_id=127.0.0.1:5433", "'bad_id' is not a valid DNS label")]
    [InlineData("=127.0.0.1:5433", "'' is not a valid DNS label")]
    [InlineData("a=127.0.0.1:0", "port '0'")]
    [InlineData("a=127.0.0.1:x", "port 'x'")]
    [InlineData("a=", "the host is empty")]
    [InlineData("a=:5433", "the host is empty")]
    [InlineData("a=::1:5433:zz", "not an IPv6 address")]
    [InlineData("a=[db]:5433", "not an IPv6 address")]
    [InlineData("a=[::1]x", "follows the closing bracket")]
    [InlineData("a=db host:5433", "'db host' is not a valid host name")]
    [InlineData("a=127.0.0.1:5433,A=127.0.0.1:5434", "'A' is listed twice")]
    public void Parse_MalformedMap_ThrowsNamingKeyValueAndReason(string text, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => InstanceEndpointMap.Parse(text, 5432));

        Assert.Contains("cluster_instance_endpoints", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveAsFunc_IsTheResolverShapeTheTopologyMonitorTakes()
    {
        IInstanceEndpointResolver resolver = InstanceEndpointMap.Parse("n1=127.0.0.1:5433", 5432);
        Func<string, HostSpec> toHost = resolver.Resolve;

        Assert.Equal(5433, toHost("n1").Port);
    }
}
