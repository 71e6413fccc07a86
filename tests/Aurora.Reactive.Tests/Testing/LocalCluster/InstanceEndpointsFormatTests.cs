using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class InstanceEndpointsFormatTests
{
    [Fact]
    public void Format_TwoNodes_JoinsIdEqualsHostColonPortWithCommas()
    {
        var text = InstanceEndpointsFormat.Format([("instance-1", "127.0.0.1", 40001), ("instance-2", "127.0.0.1", 40002)]);

        Assert.Equal("instance-1=127.0.0.1:40001,instance-2=127.0.0.1:40002", text);
    }

    [Fact]
    public void Format_NoNodes_IsEmpty()
    {
        Assert.Equal(string.Empty, InstanceEndpointsFormat.Format([]));
    }
}
