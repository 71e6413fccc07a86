using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Testing.VirtualTime;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleScenarioParseTests
{
    private const string Full = """
        # a comment
        title: writer freezes; the probe times out
        subject: efm.detector
        frame: 1s
        duration: 90s
        options: interval=5s count=3 label="two words"
        options: grace=30s

        hot probe.n1:   -o-^--o--x
        cold command:   --c|
        expect health:  ---h
        subs probe.n1:  ^---!
        legend: o=ok x=timeout h=healthy c="select 1" n=3 r=1.5 t=true
        error: TimeoutException: probe timed out
        """;

    [Fact]
    public void Parse_FullScenario_ReadsEveryPart()
    {
        var scenario = MarbleScenario.Parse(Full, "efm/frozen.marble");

        Assert.Equal("writer freezes; the probe times out", scenario.Title);
        Assert.Equal("efm.detector", scenario.Subject);
        Assert.Equal(TimeSpan.FromSeconds(1), scenario.Frame);
        Assert.Equal(TimeSpan.FromSeconds(90), scenario.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Options.GetTimeSpan("interval"));
        Assert.Equal(3, scenario.Options.GetInt32("count"));
        Assert.Equal("two words", scenario.Options.GetString("label"));
        Assert.Equal(TimeSpan.FromSeconds(30), scenario.Options.GetTimeSpan("grace"));
        Assert.Equal([("probe.n1", MarbleLineKind.Hot), ("command", MarbleLineKind.Cold)], scenario.Inputs.Select(i => (i.Name, i.Kind)));
        Assert.Equal(-TimeSpan.FromSeconds(3).Ticks, scenario.Inputs[0].Line.Start);
        Assert.Equal("health", scenario.Expectations.Single().Name);
        Assert.Equal(new Subscription(0, TimeSpan.FromSeconds(4).Ticks), scenario.SubscriptionExpectations.Single().Subscription);
        Assert.Equal(new MarbleError("TimeoutException", "probe timed out"), scenario.Legend.Error);
    }

    [Fact]
    public void Parse_LegendValues_AreTypedAsNumbersBooleansOrStrings()
    {
        var values = MarbleScenario.Parse(Full, "x").Legend.Values;

        Assert.Equal("ok", values['o']);
        Assert.Equal("select 1", values['c']);
        Assert.Equal(3L, values['n']);
        Assert.Equal(1.5, values['r']);
        Assert.Equal(true, values['t']);
    }

    [Fact]
    public void Parse_ErrorInLegend_TakesTheRestOfTheLine()
    {
        var scenario = MarbleScenario.Parse("subject: s\nexpect out: #\nlegend: a=1 #=IOException: reset: by peer", "x");

        Assert.Equal(new MarbleError("IOException", "reset: by peer"), scenario.Legend.Error);
        Assert.Equal(1L, scenario.Legend.Values['a']);
    }

    [Fact]
    public void Parse_NoFrame_UsesOneMillisecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), MarbleScenario.Parse("subject: s\nexpect out: -|", "x").Frame);
    }

    [Theory]
    [InlineData("subject: s\nexpect out: --a-@", 2, 17, "unexpected character '@'")]
    [InlineData("subject: s\nexpect out: -a\nwhatever: 1", 3, 1, "unknown key 'whatever'")]
    [InlineData("subject: s\nexpect out: -a\nhot a b: --", 3, 1, "unknown key 'hot a b'")]
    [InlineData("subject: s\nexpect out: -a\njust text", 3, 1, "expected 'key: value'")]
    [InlineData("subject: s\nframe: 10\nexpect out: -a", 2, 8, "frame '10' is not a positive duration")]
    [InlineData("subject: s\nframe: 0ms\nexpect out: -a", 2, 8, "not a positive duration")]
    [InlineData("subject: s\nduration: 0s\nexpect out: -a", 2, 11, "not a positive duration")]
    [InlineData("subject: s\nsubject: t\nexpect out: -a", 2, 1, "'subject:' appears twice")]
    [InlineData("subject: s\nexpect out: -a\nexpect out: -b", 3, 1, "stream 'out' is declared twice")]
    [InlineData("subject: s\nexpect out: -a\nsubs src: ^-!", 3, 1, "'subs src:' names no input")]
    [InlineData("subject: s\nexpect out: -a\nlegend: a=1 bb=2", 3, 13, "legend entry 'bb=2'")]
    [InlineData("subject: s\nexpect out: -a\nlegend: a=1 a=2", 3, 13, "symbol 'a' is in the legend twice")]
    [InlineData("subject: s\nexpect out: -a\nlegend: a=\"open", 3, 9, "never closed")]
    [InlineData("subject: s\nexpect out: -a\noptions: due", 3, 10, "option 'due' is not 'key=value'")]
    [InlineData("subject: s\nexpect out: -a\nerror: not a type", 3, 8, "does not name an exception type")]
    [InlineData("subject: s\nexpect 9out: -a", 2, 8, "stream name '9out'")]
    [InlineData("subject: s\ncold in: -^-\nexpect out: -a", 2, 11, "only allowed in hot")]
    [InlineData("title: t\nexpect out: -a", 1, 1, "no 'subject:' line")]
    [InlineData("subject: s\nhot in: -a", 1, 1, "no 'expect NAME:' line")]
    public void Parse_InvalidScenario_ThrowsNamingFileLineAndColumn(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<MarbleSyntaxException>(() => MarbleScenario.Parse(text, "bad.marble"));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.LineNumber, error.Column));
        Assert.StartsWith($"bad.marble: line {line}, column {column}: ", error.Message, StringComparison.Ordinal);
    }
}
