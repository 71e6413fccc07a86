using System.Reactive;
using System.Text;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// Writes recorded notifications back as a marble line, the inverse of <see cref="MarbleParser"/>: a gap
/// of whole frames becomes dashes, any other gap (or one longer than <see cref="LongGapFrames"/> frames)
/// a time progression such as <c> 300s </c>, simultaneous events a group.
/// </summary>
public static class MarbleRenderer
{
    /// <summary>Gaps longer than this many frames are written as a time progression instead of dashes.</summary>
    public const int LongGapFrames = 60;

    private const string SpareSymbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Renders notifications as a marble line.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="messages">Recorded notifications with absolute times.</param>
    /// <param name="legend">Gives each value its symbol.</param>
    /// <param name="frame">The frame length; positive.</param>
    /// <param name="origin">Absolute ticks of frame 0 (usually the subscription time).</param>
    /// <param name="unknownValues">
    /// Receives values the legend has no symbol for, under spare symbols it assigns (letters and digits not
    /// in the legend); pass the same dictionary to several calls to share the assignment.
    /// <see langword="null"/> to write such values as <c>?</c>.
    /// </param>
    /// <returns>The marble line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or <paramref name="legend"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not positive.</exception>
    public static string Render<T>(
        IEnumerable<Recorded<Notification<T>>> messages,
        MarbleLegend<T> legend,
        TimeSpan frame,
        long origin = 0,
        IDictionary<char, T>? unknownValues = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(legend);
        CheckFrame(frame);
        var text = new StringBuilder();
        var cursor = 0L;
        foreach (var group in messages.GroupBy(m => m.Time - origin).OrderBy(g => g.Key))
        {
            AppendGap(text, group.Key - cursor, frame.Ticks);
            var symbols = group.Select(m => SymbolOf(m.Value, legend, unknownValues)).ToArray();
            text.Append(symbols.Length == 1 ? symbols[0].ToString() : $"({new string(symbols)})");
            cursor = Math.Max(cursor, group.Key) + (symbols.Length == 1 ? 1 : symbols.Length + 2) * frame.Ticks;
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Renders a parsed line again with its own symbols, normalized (no padding, gaps as dashes or time
    /// progressions); nothing is looked up in a legend, so an error type that cannot be loaded is no problem.
    /// </summary>
    /// <param name="line">The parsed line.</param>
    /// <returns>The marble line, frame 0 first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="line"/> is <see langword="null"/>.</exception>
    public static string RenderAsWritten(MarbleLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var placeholder = new InvalidOperationException();
        var events = line.Events.Where(e => e.Time >= 0).Select(e => new Recorded<Notification<char>>(e.Time, e.Kind switch
        {
            MarbleEventKind.Completed => Notification.CreateOnCompleted<char>(),
            MarbleEventKind.Error => Notification.CreateOnError<char>(placeholder),
            _ => Notification.CreateOnNext(e.Symbol),
        }));
        return Render(events, new MarbleLegend<char>(), line.Frame);
    }

    /// <summary>Renders a subscription as a subscription line such as <c>--^---!</c>.</summary>
    /// <param name="subscription">The subscription, absolute ticks.</param>
    /// <param name="frame">The frame length; positive.</param>
    /// <param name="origin">Absolute ticks of frame 0.</param>
    /// <returns>The marble line.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frame"/> is not positive.</exception>
    public static string RenderSubscription(Subscription subscription, TimeSpan frame, long origin = 0)
    {
        CheckFrame(frame);
        var text = new StringBuilder();
        var subscribe = subscription.Subscribe - origin;
        AppendGap(text, subscribe, frame.Ticks);
        text.Append('^');
        if (subscription.Unsubscribe != Subscription.Infinite)
        {
            AppendGap(text, subscription.Unsubscribe - origin - subscribe - frame.Ticks, frame.Ticks);
            text.Append('!');
        }

        return text.ToString();
    }

    private static void AppendGap(StringBuilder text, long gap, long frame)
    {
        if (gap <= 0)
        {
            return;
        }

        if (gap % frame == 0 && gap / frame <= LongGapFrames)
        {
            text.Append('-', (int)(gap / frame));
            return;
        }

        if (text.Length > 0 && text[^1] != ' ')
        {
            text.Append(' ');
        }

        text.Append(MarbleDuration.Format(TimeSpan.FromTicks(gap))).Append(' ');
    }

    private static char SymbolOf<T>(Notification<T> notification, MarbleLegend<T> legend, IDictionary<char, T>? unknownValues)
    {
        switch (notification.Kind)
        {
            case NotificationKind.OnCompleted:
                return '|';
            case NotificationKind.OnError:
                return '#';
        }

        var value = notification.Value;
        if (legend.TryGetSymbol(value, out var symbol))
        {
            return symbol;
        }

        if (unknownValues is null)
        {
            return '?';
        }

        foreach (var (known, knownValue) in unknownValues)
        {
            if (legend.Comparer.Equals(knownValue, value))
            {
                return known;
            }
        }

        foreach (var spare in SpareSymbols)
        {
            if (!legend.Values.ContainsKey(spare) && !unknownValues.ContainsKey(spare))
            {
                unknownValues[spare] = value;
                return spare;
            }
        }

        return '?';
    }

    private static void CheckFrame(TimeSpan frame)
    {
        if (frame <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The marble frame must be positive; got {frame}.");
        }
    }
}
