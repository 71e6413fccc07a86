using System.Globalization;

namespace Aurora.Reactive.Topology;

/// <summary>
/// Tolerant conversions of values read from a server: drivers and emulations return booleans as
/// bool, integers or strings, numbers as any numeric type, timestamps with or without an offset.
/// </summary>
internal static class DbValueConversions
{
    public static bool ToBoolean(object? value) => value switch
    {
        null or DBNull => false,
        bool b => b,
        string s => s.Trim() is "1" or "t" or "T" || bool.TryParse(s.Trim(), out var parsed) && parsed,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
    };

    public static double? ToNullableDouble(object? value) => value switch
    {
        null or DBNull => null,
        string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    public static string? ToNullableString(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    // A timestamp without a zone is taken as UTC: both Aurora engines keep these columns in UTC.
    public static DateTimeOffset? ToNullableTimestamp(object? value) => value switch
    {
        null or DBNull => null,
        DateTimeOffset o => o,
        DateTime { Kind: DateTimeKind.Unspecified } d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTime d => new DateTimeOffset(d.ToUniversalTime()),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new FormatException($"A timestamp of type {value.GetType().Name} cannot be read."),
    };
}
