using System.Reactive;
using System.Text;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>Compares recorded streams and subscription logs with marble lines; describes the difference.</summary>
internal static class MarbleDiff
{
    /// <summary>Returns <see langword="null"/> when <paramref name="actual"/> matches <paramref name="expected"/>, else the diff.</summary>
    public static string? Notifications<T>(string name, MarbleLine expected, IReadOnlyList<Recorded<Notification<T>>> actual, MarbleLegend<T> legend, long origin)
    {
        var frame = expected.Frame;
        var mismatch = FirstMismatch(expected, actual, legend, origin);
        if (mismatch < 0)
        {
            return null;
        }

        var unknown = new Dictionary<char, T>();
        var actualLine = MarbleRenderer.Render(actual, legend, frame, origin, unknown);
        var hasError = expected.Events.Any(e => e.Kind == MarbleEventKind.Error) || actual.Any(a => a.Value.Kind == NotificationKind.OnError);
        var text = new StringBuilder()
            .AppendLine($"Stream '{name}' differs from its expected marble line (frame {MarbleDuration.Format(frame)}, time 0 = subscription).")
            .AppendLine($"  expected: {MarbleRenderer.RenderAsWritten(expected)}")
            .AppendLine($"  actual:   {actualLine}")
            .AppendLine($"  legend:   {MarbleText.Legend(legend, unknown, hasError)}")
            .Append($"  first difference, event {mismatch + 1}: expected ")
            .Append(mismatch < expected.Events.Count ? Describe(expected.Events[mismatch], expected, legend) : "nothing more")
            .Append("; actual ")
            .Append(mismatch < actual.Count ? Describe(actual[mismatch], legend, unknown, origin, frame) : "nothing more");
        return text.ToString();
    }

    /// <summary>Returns <see langword="null"/> when the logs match, else the diff. Unsubscriptions at or after <paramref name="end"/> count as "never".</summary>
    public static string? Subscriptions(string name, IReadOnlyList<Subscription> expected, IReadOnlyList<Subscription> actual, TimeSpan frame, long origin, long end)
    {
        var relative = actual
            .Select(s => new Subscription(s.Subscribe - origin, s.Unsubscribe >= end ? Subscription.Infinite : s.Unsubscribe - origin))
            .ToList();
        if (relative.SequenceEqual(expected))
        {
            return null;
        }

        var indent = Environment.NewLine + "            ";
        static string Lines(IEnumerable<Subscription> log, TimeSpan frame, string indent) =>
            log.Any() ? string.Join(indent, log.Select(s => MarbleRenderer.RenderSubscription(s, frame))) : "(no subscription)";
        return new StringBuilder()
            .AppendLine($"Subscriptions of '{name}' differ from the expected lines (frame {MarbleDuration.Format(frame)}, time 0 = subscription).")
            .AppendLine($"  expected: {Lines(expected, frame, indent)}")
            .AppendLine($"  actual:   {Lines(relative, frame, indent)}")
            .Append($"  expected {string.Join(", ", expected)}; actual {string.Join(", ", relative)} (ticks)")
            .ToString();
    }

    private static int FirstMismatch<T>(MarbleLine expected, IReadOnlyList<Recorded<Notification<T>>> actual, MarbleLegend<T> legend, long origin)
    {
        var count = Math.Min(expected.Events.Count, actual.Count);
        for (var i = 0; i < count; i++)
        {
            if (!Same(expected, expected.Events[i], actual[i], legend, origin))
            {
                return i;
            }
        }

        return expected.Events.Count == actual.Count ? -1 : count;
    }

    private static bool Same<T>(MarbleLine line, MarbleEvent expected, Recorded<Notification<T>> actual, MarbleLegend<T> legend, long origin) =>
        expected.Time == actual.Time - origin && (expected.Kind, actual.Value.Kind) switch
        {
            (MarbleEventKind.Value, NotificationKind.OnNext) => legend.Comparer.Equals(legend.ValueOf(line, expected), actual.Value.Value),
            (MarbleEventKind.Completed, NotificationKind.OnCompleted) => true,
            (MarbleEventKind.Error, NotificationKind.OnError) => legend.Error.Matches(actual.Value.Exception),
            _ => false,
        };

    private static string Describe<T>(MarbleEvent marble, MarbleLine line, MarbleLegend<T> legend) =>
        marble.Kind switch
        {
            MarbleEventKind.Value => $"{marble.Symbol}={MarbleText.Value(legend.ValueOf(line, marble))}",
            MarbleEventKind.Completed => "| (completed)",
            _ => $"# ({legend.Error})",
        } + " at " + MarbleText.Time(marble.Time, line.Frame);

    private static string Describe<T>(Recorded<Notification<T>> actual, MarbleLegend<T> legend, Dictionary<char, T> unknown, long origin, TimeSpan frame)
    {
        var notification = actual.Value;
        var what = notification.Kind switch
        {
            NotificationKind.OnNext => $"{SymbolOf(notification.Value, legend, unknown)}={MarbleText.Value(notification.Value)}",
            NotificationKind.OnCompleted => "| (completed)",
            _ => $"# ({MarbleError.From(notification.Exception!)})",
        };
        return $"{what} at {MarbleText.Time(actual.Time - origin, frame)}";
    }

    private static char SymbolOf<T>(T value, MarbleLegend<T> legend, Dictionary<char, T> unknown)
    {
        if (legend.TryGetSymbol(value, out var symbol))
        {
            return symbol;
        }

        foreach (var (spare, spareValue) in unknown)
        {
            if (legend.Comparer.Equals(spareValue, value))
            {
                return spare;
            }
        }

        return '?';
    }
}
