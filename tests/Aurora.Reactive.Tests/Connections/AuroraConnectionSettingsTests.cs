using Aurora.Reactive.Connections;

namespace Aurora.Reactive.Tests.Connections;

public sealed class AuroraConnectionSettingsTests
{
    [Fact]
    public void SessionSetupStatements_BlankEntry_ThrowsNamingTheKeyAndTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuroraConnectionSettings { SessionSetupStatements = new[] { "SET a TO 1", "  " } });

        Assert.Contains("SessionSetupStatements[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("'  '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbackTimeout_Zero_ThrowsNamingTheKeyAndTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuroraConnectionSettings { RollbackTimeout = TimeSpan.Zero });

        Assert.Contains("RollbackTimeout is 00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsPassThrough()
    {
        var settings = AuroraConnectionSettings.Default;

        Assert.Null(settings.FailoverHandler);
        Assert.False(settings.KeepSessionStateOnFailover);
        Assert.Empty(settings.SessionSetupStatements);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.RollbackTimeout);
    }
}
