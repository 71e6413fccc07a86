using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Tests.Hosts;

public class DnsLabelTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("instance-1")]
    [InlineData("Orders-Instance-2")]
    [InlineData("0node")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123")]
    public void IsValid_GoodLabel_True(string label)
    {
        Assert.True(DnsLabel.IsValid(label));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-instance")]
    [InlineData("instance-")]
    [InlineData("instance.evil.com")]
    [InlineData("instance_1")]
    [InlineData("inst ance")]
    [InlineData("instance:5432")]
    [InlineData("instance\n")]
    [InlineData("instänce")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234")]
    public void IsValid_BadLabel_False(string? label)
    {
        Assert.False(DnsLabel.IsValid(label));
    }

    [Fact]
    public void ValidateInstanceId_BadId_ThrowsNamingTheValue()
    {
        var error = Assert.Throws<InvalidInstanceIdException>(() => DnsLabel.ValidateInstanceId("evil.example.com"));

        Assert.Contains("'evil.example.com'", error.Message, StringComparison.Ordinal);
        Assert.Equal("evil.example.com", error.InstanceId);
    }

    [Fact]
    public void ValidateInstanceId_ControlCharacters_AreEscapedInTheMessage()
    {
        var error = Assert.Throws<InvalidInstanceIdException>(() => DnsLabel.ValidateInstanceId("node\r\nFAKE LOG LINE"));

        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("node\\u000d\\u000aFAKE LOG LINE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInstanceId_HugeValue_IsShortenedInTheMessage()
    {
        var huge = new string('x', 10_000);

        var error = Assert.Throws<InvalidInstanceIdException>(() => DnsLabel.ValidateInstanceId(huge));

        Assert.True(error.Message.Length < 500, $"message has {error.Message.Length} characters");
        Assert.Contains("10000 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(huge, error.InstanceId);
    }

    [Fact]
    public void ValidateInstanceId_Null_ThrowsNamingNull()
    {
        var error = Assert.Throws<InvalidInstanceIdException>(() => DnsLabel.ValidateInstanceId(null));

        Assert.Contains("(null)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInstanceId_GoodId_ReturnsIt()
    {
        Assert.Equal("instance-1", DnsLabel.ValidateInstanceId("instance-1"));
    }
}
