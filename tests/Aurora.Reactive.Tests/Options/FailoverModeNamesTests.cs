using Aurora.Reactive.Failover;
using Aurora.Reactive.Options;

namespace Aurora.Reactive.Tests.Options;

public class FailoverModeNamesTests
{
    [Theory]
    [InlineData("strict_writer", FailoverMode.StrictWriter)]
    [InlineData("reader_or_writer", FailoverMode.ReaderOrWriter)]
    [InlineData("strict_reader", FailoverMode.StrictReader)]
    [InlineData("STRICT_READER", FailoverMode.StrictReader)]
    [InlineData("StrictWriter", FailoverMode.StrictWriter)]
    [InlineData("Reader Or Writer", FailoverMode.ReaderOrWriter)]
    [InlineData(" strict-reader ", FailoverMode.StrictReader)]
    public void Parse_SeedOrDotNetSpelling_ReadsMode(string text, FailoverMode expected)
    {
        Assert.Equal(expected, FailoverModeNames.Parse(text));
    }

    [Theory]
    [InlineData("strict_writr")]
    [InlineData("reader")]
    [InlineData("")]
    [InlineData("1")]
    public void Parse_UnknownMode_ThrowsNamingKeyAndValue(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => FailoverModeNames.Parse(text));

        Assert.Contains("failover_mode", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("strict_writer, reader_or_writer, strict_reader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Unknown_ReturnsFalse()
    {
        Assert.False(FailoverModeNames.TryParse("reader_or_writter", out _));
        Assert.False(FailoverModeNames.TryParse(null, out _));
    }

    [Theory]
    [InlineData(FailoverMode.StrictWriter, "strict_writer")]
    [InlineData(FailoverMode.ReaderOrWriter, "reader_or_writer")]
    [InlineData(FailoverMode.StrictReader, "strict_reader")]
    public void ToName_RoundTripsThroughParse(FailoverMode mode, string name)
    {
        Assert.Equal(name, FailoverModeNames.ToName(mode));
        Assert.Equal(mode, FailoverModeNames.Parse(FailoverModeNames.ToName(mode)));
    }

    [Fact]
    public void ToName_UndefinedMode_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FailoverModeNames.ToName((FailoverMode)42));
    }
}
