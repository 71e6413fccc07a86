using System.Reactive;
using Aurora.Reactive.Testing.Marbles;
using static Microsoft.Reactive.Testing.ReactiveTest;

namespace Aurora.Reactive.Tests.Testing.Marbles;

public sealed class MarbleAssertTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(10);
    private static readonly long F = Frame.Ticks;
    private static readonly MarbleLegend<int> Legend = new(
        new Dictionary<char, int> { ['a'] = 1, ['b'] = 2 },
        new MarbleError("TimeoutException", "too slow"));

    [Fact]
    public void Matches_SameStream_DoesNotThrow()
    {
        Recorded<Notification<int>>[] actual = [OnNext(F, 1), OnNext(3 * F, 2), OnCompleted<int>(4 * F)];

        MarbleAssert.Matches("-a-b|", actual, Legend, Frame);
    }

    [Fact]
    public void Matches_ValueOneFrameLate_ThrowsWithBothLinesTheLegendAndTheFirstDifference()
    {
        Recorded<Notification<int>>[] actual = [OnNext(2 * F, 1), OnCompleted<int>(4 * F)];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("-a--|", actual, Legend, Frame, name: "health"));

        var expected = string.Join(
            Environment.NewLine,
            "Stream 'health' differs from its expected marble line (frame 10ms, time 0 = subscription).",
            "  expected: -a--|",
            "  actual:   --a-|",
            "  legend:   a=1 b=2",
            "  first difference, event 1: expected a=1 at 10ms (frame 1); actual a=1 at 20ms (frame 2)");
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Matches_ValueNotInLegend_ShowsItUnderASpareSymbol()
    {
        Recorded<Notification<int>>[] actual = [OnNext(F, 42)];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("-a", actual, Legend, Frame));

        Assert.Contains("actual:   -A", error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the legend: A=42", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual A=42 at 10ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_ErrorOfSameTypeAndMessage_PassesThoughAnotherInstance()
    {
        Recorded<Notification<int>>[] actual = [OnError<int>(2 * F, new TimeoutException("too slow"))];

        MarbleAssert.Matches("--#", actual, Legend, Frame);
    }

    [Fact]
    public void Matches_ErrorWithAnotherMessage_ThrowsShowingBothErrors()
    {
        Recorded<Notification<int>>[] actual = [OnError<int>(2 * F, new TimeoutException("gone"))];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("--#", actual, Legend, Frame));

        Assert.Contains("expected # (TimeoutException: too slow) at 20ms (frame 2); actual # (TimeoutException: gone) at 20ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("#=TimeoutException: too slow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_ErrorOfAnotherType_Throws()
    {
        Recorded<Notification<int>>[] actual = [OnError<int>(2 * F, new InvalidOperationException("too slow"))];

        Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("--#", actual, Legend, Frame));
    }

    [Fact]
    public void Matches_ExpectedErrorTypeNotLoaded_StillDescribesTheDifference()
    {
        var legend = new MarbleLegend<int>(error: MarbleError.Parse("FailoverFailedException: no writer"));
        Recorded<Notification<int>>[] actual = [OnCompleted<int>(2 * F)];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("  --#", actual, legend, Frame));

        Assert.Contains("expected: --#", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual:   --|", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected # (FailoverFailedException: no writer) at 20ms (frame 2); actual | (completed) at 20ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_ActualEndsEarly_SaysNothingMore()
    {
        Recorded<Notification<int>>[] actual = [OnNext(F, 1)];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("-a|", actual, Legend, Frame));

        Assert.Contains("event 2: expected | (completed) at 20ms (frame 2); actual nothing more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_EventsAFewTicksLate_MatchWithinTheMillisecond()
    {
        // The TestScheduler runs work scheduled for "now" one tick later; each hop adds a tick.
        Recorded<Notification<int>>[] actual = [OnNext(F + 1, 1), OnNext((3 * F) + 9_999, 2), OnCompleted<int>((4 * F) + 3)];

        MarbleAssert.Matches("-a-b|", actual, Legend, Frame);
    }

    [Fact]
    public void Matches_EventAMillisecondLate_ThrowsWithTheTimeItWasRecordedAt()
    {
        Recorded<Notification<int>>[] actual = [OnNext(F + TimeSpan.TicksPerMillisecond, 1)];

        var error = Assert.Throws<MarbleAssertionException>(() => MarbleAssert.Matches("-a", actual, Legend, Frame));

        Assert.Contains("actual a=1 at 11ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubscriptionsMatch_TimesAFewTicksLate_MatchWithinTheMillisecond()
    {
        MarbleAssert.SubscriptionsMatch(["^--!"], [new Subscription(1, (3 * F) + 2)], Frame);
    }

    [Fact]
    public void SubscriptionsMatch_SameLog_DoesNotThrow()
    {
        MarbleAssert.SubscriptionsMatch(["^--!", "----^-!"], [new Subscription(0, 3 * F), new Subscription(4 * F, 6 * F)], Frame);
    }

    [Fact]
    public void SubscriptionsMatch_LaterUnsubscription_ThrowsDrawingBothLogs()
    {
        var error = Assert.Throws<MarbleAssertionException>(() =>
            MarbleAssert.SubscriptionsMatch(["^--!"], [new Subscription(0, 5 * F)], Frame, name: "probe"));

        Assert.Contains("Subscriptions of 'probe' differ", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected: ^--!", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual:   ^----!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_HotAndColdFromMarbles_TimeoutScenarioRoundTrips()
    {
        var scheduler = new TestScheduler();
        var legend = new MarbleLegend<string>(error: MarbleError.Parse("TimeoutException"));
        var source = scheduler.CreateHotObservable(legend.ToNotifications(MarbleParser.Parse("-a-^-b-----c|", Frame, MarbleLineKind.Hot), origin: 1000));

        var observer = scheduler.Start(
            () => System.Reactive.Linq.Observable.Timeout(source, TimeSpan.FromMilliseconds(30), scheduler), 500, 1000, 1000 + (20 * F));

        MarbleAssert.Matches("--b--#", observer.Messages, legend, Frame, origin: 1000);
        MarbleAssert.SubscriptionsMatch(["^----!"], source.Subscriptions, Frame, origin: 1000);
    }
}
