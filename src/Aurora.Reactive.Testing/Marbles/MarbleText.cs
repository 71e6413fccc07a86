using System.Globalization;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>How values, times and events are written in diffs and legends.</summary>
internal static class MarbleText
{
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s when s.Length == 0 || s.Any(char.IsWhiteSpace) || s.Contains('"', StringComparison.Ordinal) => $"\"{s.Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    public static string Time(long ticks, TimeSpan frame)
    {
        var text = ticks < 0 ? "-" + MarbleDuration.Format(TimeSpan.FromTicks(-ticks)) : MarbleDuration.Format(TimeSpan.FromTicks(ticks));
        return ticks % frame.Ticks == 0 ? $"{text} (frame {ticks / frame.Ticks})" : text;
    }

    public static string Legend<T>(MarbleLegend<T> legend, IEnumerable<KeyValuePair<char, T>> unknown, bool withError)
    {
        var entries = legend.Values.OrderBy(e => e.Key).Select(e => $"{e.Key}={Value(e.Value)}").ToList();
        if (withError)
        {
            entries.Add($"#={legend.Error}");
        }

        var extra = unknown.Select(e => $"{e.Key}={Value(e.Value)}").ToList();
        var text = entries.Count == 0 ? "(symbols stand for themselves)" : string.Join(" ", entries);
        return extra.Count == 0 ? text : $"{text}; not in the legend: {string.Join(" ", extra)}";
    }
}
