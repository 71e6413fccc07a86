using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleParserTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(10);

    private static long Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds).Ticks;

    [Fact]
    public void Parse_DashesValuesAndCompletion_EachCharacterTakesOneFrame()
    {
        var line = MarbleParser.Parse("-a--b|", Frame);

        Assert.Equal(
            [new MarbleEvent(Ms(10), MarbleEventKind.Value, 'a', 2), new MarbleEvent(Ms(40), MarbleEventKind.Value, 'b', 5), new MarbleEvent(Ms(50), MarbleEventKind.Completed, '|', 6)],
            line.Events);
        Assert.Equal(Ms(60), line.End);
    }

    [Fact]
    public void Parse_Spaces_AreIgnored()
    {
        var line = MarbleParser.Parse("  - a -\t #", Frame);

        Assert.Equal([Ms(10), Ms(30)], line.Events.Select(e => e.Time));
        Assert.Equal(MarbleEventKind.Error, line.Events[1].Kind);
    }

    [Fact]
    public void Parse_Group_EventsShareTheTimeOfTheParenthesisAndTheGroupTakesAFramePerCharacter()
    {
        var line = MarbleParser.Parse("--(ab)-c", Frame);

        Assert.Equal([('a', Ms(20)), ('b', Ms(20)), ('c', Ms(70))], line.Events.Select(e => (e.Symbol, e.Time)));
    }

    [Theory]
    [InlineData("a 10ms b", 1 + 10)]
    [InlineData("a 1.5s b", 1 + 1500)]
    [InlineData("a 2m b", 1 + 120_000)]
    [InlineData("10ms b", 10)]
    [InlineData("a\t10ms\tb", 1 + 10)]
    public void Parse_TimeProgression_MovesTimeByExactlyThatMuch(string marbles, double bAtMilliseconds)
    {
        var line = MarbleParser.Parse(marbles, TimeSpan.FromMilliseconds(1));

        Assert.Equal(Ms(bAtMilliseconds), line.Events.Single(e => e.Symbol == 'b').Time);
    }

    [Fact]
    public void Parse_DigitsNotSetOffBySpaces_AreValues()
    {
        var line = MarbleParser.Parse("-1s-", Frame);

        Assert.Equal(['1', 's'], line.Events.Select(e => e.Symbol));
    }

    [Fact]
    public void Parse_HotLineWithCaret_CountsTimeFromTheCaret()
    {
        var line = MarbleParser.Parse("--a--^--b|", Frame, MarbleLineKind.Hot);

        Assert.Equal([Ms(-30), Ms(30), Ms(40)], line.Events.Select(e => e.Time));
        Assert.Equal(Ms(-50), line.Start);
        Assert.Equal(Ms(50), line.End);
    }

    [Theory]
    [InlineData("--a-@", 5, "unexpected character '@'")]
    [InlineData("--^-a", 3, "only allowed in hot")]
    [InlineData("-a-!", 4, "only allowed in subscription lines")]
    [InlineData("-(ab", 2, "never closed")]
    [InlineData("-(a(b))", 4, "cannot be nested")]
    [InlineData("-()", 2, "empty group")]
    [InlineData("-a)", 3, "without a '('")]
    [InlineData("-(a-b)", 4, "inside a group")]
    [InlineData("-a|-b", 5, "after the stream ended at column 3")]
    public void Parse_MalformedLine_ThrowsNamingLineAndColumn(string marbles, int column, string problem)
    {
        var location = new MarbleLocation("file.marble", 7, 1);

        var error = Assert.Throws<MarbleSyntaxException>(() => MarbleParser.Parse(marbles, Frame, MarbleLineKind.Cold, location));

        Assert.Equal(7, error.LineNumber);
        Assert.Equal(column, error.Column);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"file.marble: line 7, column {column}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MarbleInsideASourceLine_ReportsTheColumnInTheSourceLine()
    {
        const string sourceLine = "expect out:   --a-@";
        var location = new MarbleLocation("x.marble", 3, 12, sourceLine);

        var error = Assert.Throws<MarbleSyntaxException>(() => MarbleParser.Parse(sourceLine[11..], Frame, MarbleLineKind.Expected, location));

        Assert.Equal(19, error.Column);
        Assert.Equal('@', sourceLine[error.Column - 1]);
        Assert.Contains(sourceLine + Environment.NewLine + "  " + new string(' ', 18) + "^", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HotLineWithTwoCarets_Throws()
    {
        var error = Assert.Throws<MarbleSyntaxException>(() => MarbleParser.Parse("^--^", Frame, MarbleLineKind.Hot));

        Assert.Equal(4, error.Column);
    }

    [Fact]
    public void Parse_ZeroFrame_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarbleParser.Parse("-a", TimeSpan.Zero));
    }

    [Theory]
    [InlineData("^---!", 0, 40)]
    [InlineData("  --^--!", 20, 50)]
    [InlineData("--^ 1s !", 20, 1030)]
    public void ParseSubscription_CaretAndBang_GiveSubscribeAndUnsubscribeTimes(string marbles, double subscribeMs, double unsubscribeMs)
    {
        var subscription = MarbleParser.ParseSubscription(marbles, Frame);

        Assert.Equal(new Subscription(Ms(subscribeMs), Ms(unsubscribeMs)), subscription);
    }

    [Fact]
    public void ParseSubscription_WithoutBang_NeverUnsubscribes()
    {
        Assert.Equal(new Subscription(Ms(20)), MarbleParser.ParseSubscription("--^---", Frame));
    }

    [Theory]
    [InlineData("-----", "needs a '^'")]
    [InlineData("-!-^", "before '^'")]
    [InlineData("^-a-!", "holds only")]
    public void ParseSubscription_Malformed_Throws(string marbles, string problem)
    {
        var error = Assert.Throws<MarbleSyntaxException>(() => MarbleParser.ParseSubscription(marbles, Frame));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
