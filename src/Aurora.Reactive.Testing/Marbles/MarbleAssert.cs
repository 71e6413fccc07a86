using System.Reactive;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Assertions that compare recorded streams with marble lines and fail with a readable diff: the
/// expected and actual marble lines one above the other, the legend, and the first differing event.
/// Values are compared with the legend's comparer; errors by type and message. Recorded times are read at
/// a resolution of 1 ms (or the frame, if shorter), counted from the origin, since the
/// <see cref="TestScheduler"/> runs work scheduled for "now" one tick later: an event drawn at 30 ms
/// matches one recorded at 30 ms plus a few ticks.
/// </summary>
public static class MarbleAssert
{
    /// <summary>Asserts that <paramref name="actual"/> is what <paramref name="expectedMarbles"/> draws.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="expectedMarbles">The expected line; frame 0 is at <paramref name="origin"/>.</param>
    /// <param name="actual">Recorded notifications, absolute times (e.g. <see cref="ITestableObserver{T}.Messages"/>).</param>
    /// <param name="legend">Symbols' values and the error of <c>#</c>.</param>
    /// <param name="frame">The frame length; positive.</param>
    /// <param name="origin">Absolute ticks of frame 0, usually the subscription time.</param>
    /// <param name="name">The stream's name in the message.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="MarbleSyntaxException"><paramref name="expectedMarbles"/> is not a valid line.</exception>
    /// <exception cref="MarbleAssertionException">The stream differs; the message holds the diff.</exception>
    public static void Matches<T>(string expectedMarbles, IEnumerable<Recorded<Notification<T>>> actual, MarbleLegend<T> legend, TimeSpan frame, long origin = 0, string name = "output")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(legend);
        var expected = MarbleParser.Parse(expectedMarbles, frame, MarbleLineKind.Expected, new MarbleLocation(name));
        if (MarbleDiff.Notifications(name, expected, MarbleResolution.Floor(actual, frame, origin), legend, origin) is { } diff)
        {
            throw new MarbleAssertionException(diff);
        }
    }

    /// <summary>Asserts that a subscription log holds exactly the subscriptions drawn, one line per subscription, in order.</summary>
    /// <param name="expectedMarbles">One subscription line per expected subscription, e.g. <c>^---!</c>, <c>----^--!</c>.</param>
    /// <param name="actual">The log, absolute times (e.g. <see cref="ITestableObservable{T}.Subscriptions"/>).</param>
    /// <param name="frame">The frame length; positive.</param>
    /// <param name="origin">Absolute ticks of frame 0.</param>
    /// <param name="name">The observable's name in the message.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="MarbleSyntaxException">A line is not a valid subscription line.</exception>
    /// <exception cref="MarbleAssertionException">The log differs; the message holds the diff.</exception>
    public static void SubscriptionsMatch(IReadOnlyList<string> expectedMarbles, IEnumerable<Subscription> actual, TimeSpan frame, long origin = 0, string name = "source")
    {
        ArgumentNullException.ThrowIfNull(expectedMarbles);
        ArgumentNullException.ThrowIfNull(actual);
        var expected = expectedMarbles
            .Select((line, i) => MarbleParser.ParseSubscription(line, frame, new MarbleLocation(name, i + 1)))
            .ToList();
        if (MarbleDiff.Subscriptions(name, expected, MarbleResolution.Floor(actual, frame, origin), frame, origin, long.MaxValue) is { } diff)
        {
            throw new MarbleAssertionException(diff);
        }
    }
}
