using Aurora.Reactive.Client;

namespace Aurora.Reactive.Tests.Client;

public sealed class AuroraClientOptionsTests
{
    [Fact]
    public void Default_MatchesTheDocumentedDefaults()
    {
        var options = AuroraClientOptions.Default;

        Assert.Equal(TimeSpan.FromSeconds(300), options.FailoverTimeout);
        Assert.Equal(10, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxRetryDelay);
        Assert.True(options.VerifyCommitOutcome);
        Assert.True(options.WatchAllHosts);
    }

    [Fact]
    public void MaxAttempts_Zero_ThrowsNamingTheSettingAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AuroraClientOptions.Default with { MaxAttempts = 0 });

        Assert.Equal("MaxAttempts", error.ParamName);
        Assert.Contains("MaxAttempts is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailoverTimeout_Zero_ThrowsNamingTheSettingAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AuroraClientOptions.Default with { FailoverTimeout = TimeSpan.Zero });

        Assert.Equal("FailoverTimeout", error.ParamName);
        Assert.Contains("FailoverTimeout is 00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryDelay_Negative_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AuroraClientOptions.Default with { RetryDelay = TimeSpan.FromMilliseconds(-1) });

        Assert.Equal("RetryDelay", error.ParamName);
    }
}
