using System.Globalization;

namespace Aurora.Reactive.Options;

/// <summary>
/// Reads our settings from the raw values found in a connection string. Every value that is present must be
/// valid: an error names the key and the value; an absent key gives the default.
/// </summary>
internal sealed class OptionValueReader(IReadOnlyDictionary<string, string> valuesByKey)
{
    /// <summary>Whether the key was given.</summary>
    public bool Has(string key) => valuesByKey.ContainsKey(key);

    /// <summary>The raw value, or <see langword="null"/> when the key was not given.</summary>
    public string? Text(string key) => valuesByKey.GetValueOrDefault(key);

    public bool Bool(string key, bool defaultValue)
    {
        if (Text(key) is not { } text)
        {
            return defaultValue;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw Invalid(key, text, "expected true or false"),
        };
    }

    public int Count(string key, int defaultValue, int minimum) =>
        Text(key) is { } text ? Integer(key, text, minimum, "a whole number") : defaultValue;

    public TimeSpan Seconds(string key, TimeSpan defaultValue, int minimum) =>
        Text(key) is { } text ? TimeSpan.FromSeconds(Integer(key, text, minimum, "a whole number of seconds")) : defaultValue;

    public TimeSpan Milliseconds(string key, TimeSpan defaultValue, int minimum) =>
        Text(key) is { } text ? TimeSpan.FromMilliseconds(Integer(key, text, minimum, "a whole number of milliseconds")) : defaultValue;

    /// <summary>Reads a value with a parser that reports why a value is invalid (a <see langword="null"/> result).</summary>
    public T? Parsed<T>(string key, TryParser<T> tryParse)
        where T : class
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        return tryParse(text, out var reason) ?? throw Invalid(key, text, reason ?? "it is malformed");
    }

    /// <summary>The error for a bad value: names the key and the value it got.</summary>
    public static ArgumentException Invalid(string key, string value, string reason) =>
        new($"Option {key}='{value}' is invalid: {reason}.", key);

    private static int Integer(string key, string text, int minimum, string expected)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(key, text, $"expected {expected}, at least {minimum}");
        }

        return value >= minimum ? value : throw Invalid(key, text, $"it must be at least {minimum}");
    }

    /// <summary>A parser that returns <see langword="null"/> and a reason for an invalid value.</summary>
    public delegate T? TryParser<T>(string value, out string? reason)
        where T : class;
}
