using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Options;

/// <summary>
/// The connection-string names of <see cref="FailoverMode"/>: <c>strict_writer</c>, <c>reader_or_writer</c>,
/// <c>strict_reader</c>. Parsing ignores case, and spaces, hyphens or no separator may stand for the underscores.
/// Anything else is an error: a misspelled mode never falls back to some other mode.
/// </summary>
internal static class FailoverModeNames
{
    private static readonly (string Name, FailoverMode Mode)[] Names =
    [
        ("strict_writer", FailoverMode.StrictWriter),
        ("reader_or_writer", FailoverMode.ReaderOrWriter),
        ("strict_reader", FailoverMode.StrictReader),
    ];

    /// <summary>What a valid value looks like, for error messages.</summary>
    internal static string ExpectedNames => $"expected one of {string.Join(", ", Names.Select(n => n.Name))}";

    /// <summary>Reads a failover mode.</summary>
    /// <param name="value">The text, such as <c>strict_writer</c>.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> names no mode; the message names the key <c>failover_mode</c>, the value and the accepted names.</exception>
    public static FailoverMode Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var mode)
            ? mode
            : throw new ArgumentException(
                $"{AuroraOptionKeys.FailoverMode} value '{value}' is not a failover mode; {ExpectedNames}.",
                nameof(value));
    }

    /// <summary>Tries to read a failover mode.</summary>
    /// <param name="value">The text.</param>
    /// <param name="mode">The mode read, or <see cref="FailoverMode.StrictWriter"/> when the text names none.</param>
    /// <returns>Whether the text names a mode.</returns>
    public static bool TryParse(string? value, out FailoverMode mode)
    {
        var normalized = value is null ? string.Empty : OptionKeyName.Normalize(value.Trim());
        foreach (var (name, candidate) in Names)
        {
            if (normalized.Length > 0 && OptionKeyName.Normalize(name) == normalized)
            {
                mode = candidate;
                return true;
            }
        }

        mode = FailoverMode.StrictWriter;
        return false;
    }

    /// <summary>The connection-string name of <paramref name="mode"/>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The name, such as <c>strict_writer</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode.</exception>
    public static string ToName(FailoverMode mode)
    {
        foreach (var (name, candidate) in Names)
        {
            if (candidate == mode)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Failover mode {mode} is not defined.");
    }
}
