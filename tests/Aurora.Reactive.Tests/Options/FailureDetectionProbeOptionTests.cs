using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public sealed class FailureDetectionProbeOptionTests
{
    private const string Base = "Host=127.0.0.1;enable_failover=false";

    [Theory]
    [InlineData("select1", ProbeMethod.SelectOne)]
    [InlineData("SELECT_1", ProbeMethod.SelectOne)]
    [InlineData("connect", ProbeMethod.Connect)]
    [InlineData("auto", null)]
    public void Parse_ProbeKey_ReadsTheMethod(string value, object? expectedValue)
    {
        var expected = (ProbeMethod?)expectedValue;
        var options = AuroraConnectionString.Parse($"{Base};failure_detection_probe={value}").Options;

        Assert.Equal(expected, options.FailureDetectionProbe);
    }

    [Fact]
    public void Parse_NoProbeKey_LeavesTheChoiceToTheDriver() =>
        Assert.Null(AuroraConnectionString.Parse(Base).Options.FailureDetectionProbe);

    [Fact]
    public void Parse_UnknownProbe_ThrowsNamingTheKeyAndTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => AuroraConnectionString.Parse($"{Base};failure_detection_probe=ping"));

        Assert.Contains("failure_detection_probe", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ping'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProbeKey_IsNotPassedToTheDriver() =>
        Assert.DoesNotContain("probe", AuroraConnectionString.Parse($"{Base};failure_detection_probe=connect").DriverConnectionString, StringComparison.OrdinalIgnoreCase);
}
