using Aurora.Reactive.Testing.Marbles;
using Aurora.Reactive.Testing.VirtualTime;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleRendererTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(10);

    [Theory]
    [InlineData("-a--b|")]
    [InlineData("--(ab)-c-#")]
    [InlineData("a 310s b")]
    [InlineData("--a 15ms b")]
    [InlineData("(a|)")]
    [InlineData("")]
    public void Render_ParsedLine_GivesTheSameLineBack(string marbles)
    {
        var legend = new MarbleLegend<string>();
        var line = MarbleParser.Parse(marbles, Frame);

        var rendered = MarbleRenderer.Render(legend.ToNotifications(line), legend, Frame);

        Assert.Equal(marbles, rendered);
    }

    [Fact]
    public void Render_WithOrigin_CountsFramesFromTheOrigin()
    {
        var legend = new MarbleLegend<int>(new Dictionary<char, int> { ['a'] = 1 });
        var ticks = Frame.Ticks;

        var rendered = MarbleRenderer.Render([OnNext(1000 + (3 * ticks), 1), OnCompleted<int>(1000 + (4 * ticks))], legend, Frame, origin: 1000);

        Assert.Equal("---a|", rendered);
    }

    [Fact]
    public void Render_ValueNotInLegend_GetsASpareSymbolReportedToTheCaller()
    {
        var legend = new MarbleLegend<int>(new Dictionary<char, int> { ['A'] = 1 });
        var unknown = new Dictionary<char, int>();

        var rendered = MarbleRenderer.Render([OnNext(0, 1), OnNext(Frame.Ticks, 42), OnNext(2 * Frame.Ticks, 42)], legend, Frame, 0, unknown);

        Assert.Equal("ABB", rendered);
        Assert.Equal(new Dictionary<char, int> { ['B'] = 42 }, unknown);
    }

    [Fact]
    public void Render_LongGap_IsWrittenAsATimeProgression()
    {
        var legend = new MarbleLegend<string>();
        var at = Frame.Ticks * (MarbleRenderer.LongGapFrames + 1);

        Assert.Equal("610ms a", MarbleRenderer.Render([OnNext(at, "a")], legend, Frame));
    }

    [Theory]
    [InlineData(0, 40, "^---!")]
    [InlineData(20, Subscription.Infinite, "--^")]
    [InlineData(20, 30, "--^!")]
    public void RenderSubscription_Subscription_DrawsCaretAndBang(long subscribeFrames, long unsubscribeFrames, string expected)
    {
        var unsubscribe = unsubscribeFrames == Subscription.Infinite ? Subscription.Infinite : unsubscribeFrames * Frame.Ticks / 10;
        var subscription = new Subscription(subscribeFrames * Frame.Ticks / 10, unsubscribe);

        Assert.Equal(expected, MarbleRenderer.RenderSubscription(subscription, Frame));
    }
}
