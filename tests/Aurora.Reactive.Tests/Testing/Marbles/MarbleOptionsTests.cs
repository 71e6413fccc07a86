using Aurora.Reactive.Testing.Marbles;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleOptionsTests
{
    private static MarbleOptions Options() => new(new Dictionary<string, string> { ["due"] = "50", ["count"] = "three", ["grace"] = "2m" });

    [Fact]
    public void GetTimeSpan_ValueWithoutUnit_ThrowsNamingKeyAndValue()
    {
        var error = Assert.Throws<FormatException>(() => Options().GetTimeSpan("due"));

        Assert.Equal("Option 'due' is '50', which is not a duration with a unit (10ms, 1.5s, 2m).", error.Message);
    }

    [Fact]
    public void GetInt32_NotANumber_ThrowsNamingKeyAndValue()
    {
        var error = Assert.Throws<FormatException>(() => Options().GetInt32("count"));

        Assert.Contains("'count' is 'three'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetInt32_MissingWithoutDefault_ThrowsListingTheOptions()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Options().GetInt32("attempts"));

        Assert.Contains("needs option 'attempts' (options: count=three due=50 grace=2m)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadKeys_AfterReadingSome_ListsTheOthers()
    {
        var options = Options();

        _ = options.GetTimeSpan("grace");
        _ = options.GetDouble("missing", 1);

        Assert.Equal(["count", "due"], options.UnreadKeys);
    }
}
