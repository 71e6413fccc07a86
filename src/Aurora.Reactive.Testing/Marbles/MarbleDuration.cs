using System.Globalization;
using System.Text.RegularExpressions;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>Durations as marble diagrams write them: <c>10ms</c>, <c>1.5s</c>, <c>2m</c>.</summary>
internal static partial class MarbleDuration
{
    /// <summary>Reads a duration: a non-negative decimal number followed by <c>ms</c>, <c>s</c> or <c>m</c>, with no space.</summary>
    /// <param name="text">The text, e.g. <c>1.5s</c>.</param>
    /// <param name="duration">The duration, when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> is a duration that is a whole number of 100 ns ticks.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? null : DurationPattern().Match(text);
        if (match is null || !match.Success
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unitTicks = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            _ => TimeSpan.TicksPerMinute,
        };
        var ticks = number * unitTicks;
        if (ticks != decimal.Truncate(ticks) || ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Reads a duration such as <c>10ms</c>, <c>1.5s</c> or <c>2m</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a duration.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not a marble duration; write a number and a unit: 10ms, 1.5s, 2m.");

    /// <summary>Writes a duration in the largest unit that keeps it exact: <c>2m</c>, <c>90s</c>, <c>1500ms</c>, <c>0.5ms</c>.</summary>
    /// <param name="duration">A non-negative duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks != 0 && ticks % TimeSpan.TicksPerMinute == 0)
        {
            return $"{ticks / TimeSpan.TicksPerMinute}m";
        }

        if (ticks != 0 && ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{ticks / TimeSpan.TicksPerSecond}s";
        }

        var milliseconds = (decimal)ticks / TimeSpan.TicksPerMillisecond;
        return milliseconds.ToString("0.####", CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
