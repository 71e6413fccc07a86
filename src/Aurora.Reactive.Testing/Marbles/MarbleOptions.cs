using System.Globalization;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// The <c>options:</c> of a scenario file, <c>key=value</c> pairs, with typed getters whose errors name the
/// key and the value. The player reports options that the runner never read, to catch typos.
/// </summary>
public sealed class MarbleOptions
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Creates options from pairs.</summary>
    /// <param name="values">Value per key (keys are case-sensitive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    public MarbleOptions(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>Every key, in no particular order.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>Keys no getter has read yet.</summary>
    public IReadOnlyList<string> UnreadKeys => _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether the option is given (does not count as reading it).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The option's text.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The option is missing.</exception>
    public string GetString(string key) =>
        TryRead(key) ?? throw new KeyNotFoundException($"The scenario needs option '{key}' (options: {Describe()}).");

    /// <summary>The option's text, or <paramref name="defaultValue"/> when it is missing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">Used when missing.</param>
    /// <returns>The value.</returns>
    public string GetString(string key, string defaultValue) => TryRead(key) ?? defaultValue;

    /// <summary>The option as a 32-bit integer.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">Used when missing; <see langword="null"/> makes the option required.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The option is missing and has no default.</exception>
    /// <exception cref="FormatException">The value is not an integer.</exception>
    public int GetInt32(string key, int? defaultValue = null) =>
        Get(key, defaultValue, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null, "an integer");

    /// <summary>The option as a number.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">Used when missing; <see langword="null"/> makes the option required.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The option is missing and has no default.</exception>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public double GetDouble(string key, double? defaultValue = null) =>
        Get(key, defaultValue, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null, "a number");

    /// <summary>The option as a duration with a unit: <c>50ms</c>, <c>1.5s</c>, <c>2m</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="defaultValue">Used when missing; <see langword="null"/> makes the option required.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The option is missing and has no default.</exception>
    /// <exception cref="FormatException">The value is not a duration.</exception>
    public TimeSpan GetTimeSpan(string key, TimeSpan? defaultValue = null) =>
        Get(key, defaultValue, text => MarbleDuration.TryParse(text, out var v) ? v : null, "a duration with a unit (10ms, 1.5s, 2m)");

    internal MarbleOptions Fresh() => new(_values);

    private T Get<T>(string key, T? defaultValue, Func<string, T?> parse, string what)
        where T : struct
    {
        var text = TryRead(key);
        if (text is null)
        {
            return defaultValue ?? throw new KeyNotFoundException($"The scenario needs option '{key}' (options: {Describe()}).");
        }

        return parse(text) ?? throw new FormatException($"Option '{key}' is '{text}', which is not {what}.");
    }

    private string? TryRead(string key)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    private string Describe() =>
        _values.Count == 0 ? "none" : string.Join(" ", _values.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
}
