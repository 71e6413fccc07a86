using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Tests.Testing.LocalCluster;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("instance-1", true)]
    [InlineData("A1", true)]
    [InlineData("x", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("é", false)]
    public void IsValid_Label_MatchesTheHostNameRules(string? label, bool expected)
    {
        Assert.Equal(expected, DnsLabel.IsValid(label));
    }

    [Fact]
    public void IsValid_63And64Characters_OnlyTheShorterIsValid()
    {
        Assert.True(DnsLabel.IsValid(new string('a', 63)));
        Assert.False(DnsLabel.IsValid(new string('a', 64)));
    }
}
