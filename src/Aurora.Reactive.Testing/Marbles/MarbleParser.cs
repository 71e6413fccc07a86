using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Reads marble lines with the RxJS grammar. Every character below takes one frame, except spaces and
/// time progressions: <c>-</c> a frame where nothing happens; a letter or digit a value from the legend;
/// <c>|</c> completion; <c>#</c> error; <c>^</c> the subscription point of a hot line (frame 0);
/// <c>!</c> the unsubscription (subscription lines only); <c>( )</c> a group of events at the time of its
/// <c>(</c>, the group taking one frame per character including the parentheses; a space or tab is ignored;
/// a time progression such as <c>10ms</c>, <c>1.5s</c> or <c>2m</c>, set off by spaces (or the line's
/// start or end), moves time by exactly that much.
/// </summary>
public static class MarbleParser
{
    /// <summary>Parses an event line (input or expected output).</summary>
    /// <param name="marbles">The marble text.</param>
    /// <param name="frame">The duration of one frame; positive.</param>
    /// <param name="kind">How the line is used, which decides whether <c>^</c> is allowed.</param>
    /// <param name="location">Where the text sits in its source, for error messages; <see langword="null"/> for line 1, column 1.</param>
    /// <returns>The parsed line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not positive.</exception>
    /// <exception cref="MarbleSyntaxException">The text is not a valid marble line; the message names line and column.</exception>
    public static MarbleLine Parse(string marbles, TimeSpan frame, MarbleLineKind kind = MarbleLineKind.Cold, MarbleLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        CheckFrame(frame);
        location ??= new MarbleLocation();
        var scan = Scan(marbles, frame, location, allowCaret: kind == MarbleLineKind.Hot, allowBang: false, allowEvents: true);
        var zero = scan.Caret ?? 0;
        var events = scan.Events.Select(e => e with { Time = e.Time - zero }).ToArray();
        return new MarbleLine(marbles, frame, events, -zero, scan.End - zero, location);
    }

    /// <summary>
    /// Parses a subscription line such as <c>--^---!</c>: <c>^</c> marks the subscription, <c>!</c> the
    /// unsubscription (none means never), both counted from the line's start, which is frame 0.
    /// </summary>
    /// <param name="marbles">The marble text; only <c>-</c>, spaces, time progressions, one <c>^</c> and at most one <c>!</c> after it.</param>
    /// <param name="frame">The duration of one frame; positive.</param>
    /// <param name="location">Where the text sits in its source, for error messages.</param>
    /// <returns>The subscription, in ticks from frame 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marbles"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not positive.</exception>
    /// <exception cref="MarbleSyntaxException">The text is not a valid subscription line.</exception>
    public static Subscription ParseSubscription(string marbles, TimeSpan frame, MarbleLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(marbles);
        CheckFrame(frame);
        location ??= new MarbleLocation();
        var scan = Scan(marbles, frame, location, allowCaret: true, allowBang: true, allowEvents: false);
        if (scan.Caret is not { } subscribe)
        {
            throw location.Error("a subscription line needs a '^' where the subscription starts", marbles, marbles.Length);
        }

        return new Subscription(subscribe, scan.Bang ?? Subscription.Infinite);
    }

    private static void CheckFrame(TimeSpan frame)
    {
        if (frame <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The marble frame must be positive; got {frame}.");
        }
    }

    private static MarbleScan Scan(string text, TimeSpan frame, MarbleLocation location, bool allowCaret, bool allowBang, bool allowEvents)
    {
        var scan = new MarbleScan(text, frame.Ticks, location);
        for (var i = 0; i < text.Length;)
        {
            i = scan.Step(i, allowCaret, allowBang, allowEvents);
        }

        scan.Finish();
        return scan;
    }
}
