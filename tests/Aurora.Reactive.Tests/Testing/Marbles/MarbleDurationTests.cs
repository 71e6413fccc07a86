using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleDurationTests
{
    [Theory]
    [InlineData("10ms", 10)]
    [InlineData("0.5ms", 0.5)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("300s", 300_000)]
    public void Parse_NumberWithUnit_GivesTheDuration(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), MarbleDuration.Parse(text));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1h")]
    [InlineData("ms")]
    [InlineData("1.5 s")]
    [InlineData("-1s")]
    [InlineData("0.00001ms")]
    public void Parse_NotADuration_ThrowsNamingTheText(string text)
    {
        var error = Assert.Throws<FormatException>(() => MarbleDuration.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(120_000, "2m")]
    [InlineData(90_000, "90s")]
    [InlineData(1500, "1500ms")]
    [InlineData(0.5, "0.5ms")]
    [InlineData(0, "0ms")]
    public void Format_Duration_UsesTheLargestExactUnit(double milliseconds, string expected)
    {
        Assert.Equal(expected, MarbleDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
