using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleErrorTests
{
    [Fact]
    public void Parse_TypeAndMessage_KeepsColonsInTheMessage()
    {
        Assert.Equal(new MarbleError("TimeoutException", "a: b"), MarbleError.Parse("TimeoutException: a: b"));
        Assert.Equal(new MarbleError("TimeoutException", null), MarbleError.Parse(" TimeoutException "));
    }

    [Fact]
    public void Matches_TypeOnly_AcceptsAnyMessageButNotAnotherType()
    {
        var error = MarbleError.Parse("System.TimeoutException");

        Assert.True(error.Matches(new TimeoutException("whatever")));
        Assert.False(error.Matches(new InvalidOperationException("whatever")));
    }

    [Fact]
    public void CreateException_ShortNameInSystemIo_CreatesThatTypeWithTheMessage()
    {
        var created = MarbleError.Parse("IOException: connection reset").CreateException();

        Assert.IsType<IOException>(created);
        Assert.Equal("connection reset", created.Message);
    }

    [Fact]
    public void CreateException_TypeOutsideSystem_IsFoundAmongLoadedAssemblies()
    {
        var created = MarbleError.Parse("ProbeFailedException: no answer").CreateException();

        Assert.IsType<ProbeFailedException>(created);
        Assert.Equal("no answer", created.Message);
    }

    [Fact]
    public void CreateException_UnknownType_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MarbleError.Parse("NoSuchThingException: x").CreateException());

        Assert.Contains("'NoSuchThingException'", error.Message, StringComparison.Ordinal);
    }
}
