using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class AuroraPluginNamesTests
{
    [Theory]
    [InlineData("failover,host_monitoring", new[] { AuroraPlugin.Failover, AuroraPlugin.HostMonitoring })]
    [InlineData(" failover , host_monitoring ", new[] { AuroraPlugin.Failover, AuroraPlugin.HostMonitoring })]
    [InlineData("FAILOVER", new[] { AuroraPlugin.Failover })]
    [InlineData("host_monitoring", new[] { AuroraPlugin.HostMonitoring })]
    [InlineData("", new AuroraPlugin[0])]
    [InlineData("none", new AuroraPlugin[0])]
    [InlineData("None", new AuroraPlugin[0])]
    public void ParseList_ValidList_ReadsPluginsInOrder(string text, object expectedValue)
    {
        var expected = (AuroraPlugin[])expectedValue;
        Assert.Equal(expected, AuroraPluginNames.ParseList(text));
    }

    [Theory]
    [InlineData("host_monitoring,failover", "must come after failover")]
    [InlineData("failover,efm", "'efm' is not a plugin code")]
    [InlineData("failover,,host_monitoring", "'' is not a plugin code")]
    [InlineData("failover,failover", "'failover' is listed twice")]
    [InlineData("iam", "known codes: failover, host_monitoring")]
    public void ParseList_InvalidList_ThrowsNamingKeyValueAndReason(string text, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => AuroraPluginNames.ParseList(text));

        Assert.Contains("plugins", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCode_GivesTheSeedCodes()
    {
        Assert.Equal("failover", AuroraPluginNames.ToCode(AuroraPlugin.Failover));
        Assert.Equal("host_monitoring", AuroraPluginNames.ToCode(AuroraPlugin.HostMonitoring));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuroraPluginNames.ToCode((AuroraPlugin)9));
    }
}
