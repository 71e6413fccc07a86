using Aurora.Reactive.Testing.LocalMariaDb;

namespace Aurora.Reactive.Tests.Testing.LocalMariaDb;

public sealed class GtidPositionTests
{
    [Theory]
    [InlineData("0-1-42", 42)]
    [InlineData("0-1-42,1-3-7", 42)]
    [InlineData(" 0-2-5 , 1-3-90 ", 90)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void HighestSequence_Position_IsTheLargestSequenceNumber(string? position, long expected) =>
        Assert.Equal(expected, GtidPosition.HighestSequence(position));

    [Theory]
    [InlineData("0-1")]
    [InlineData("0-x-3")]
    public void HighestSequence_Malformed_ThrowsQuotingTheGtid(string position) =>
        Assert.Contains($"'{position}'", Assert.Throws<FormatException>(() => GtidPosition.HighestSequence(position)).Message, StringComparison.Ordinal);
}
