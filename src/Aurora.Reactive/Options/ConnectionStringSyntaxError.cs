using System.Globalization;
using System.Text;

namespace Aurora.Reactive.Options;

/// <summary>
/// The errors of a malformed connection string: each an <see cref="ArgumentException"/> whose message gives the
/// 0-based position and, when there is one, the key; never a value, which may be a password.
/// </summary>
internal static class ConnectionStringSyntaxError
{
    private const string ParameterName = "connectionString";

    public static ArgumentException MissingEquals(int position, string key) =>
        At(position, $"{key} has no '=' before the next ';' or the end; write key=value (a value holding ';' must be quoted)");

    public static ArgumentException EmptyKey(int position) =>
        At(position, "'=' has no key before it");

    public static ArgumentException ControlInKey(int position, char c, string key) =>
        At(position, $"{key} contains the control character {Code(c)}; a key cannot hold tabs, line breaks or other control characters");

    public static ArgumentException ControlInValue(int position, char c, string key) =>
        At(position, $"the value of {key} contains the control character {Code(c)}; quote the value");

    public static ArgumentException UnclosedQuote(int position, char quote, string key) =>
        At(position, $"the value of {key} opens a quote ({quote}) that is never closed; a quote inside a quoted value is written twice");

    public static ArgumentException TextAfterClosingQuote(int position, string key) =>
        At(position, $"the quoted value of {key} is followed by more text before the next ';'; a quote inside a quoted value is written twice");

    public static ArgumentException UnquotedValueEndsInQuote(int position, string key) =>
        At(position, $"the unquoted value of {key} ends in a quote; quote the whole value");

    public static ArgumentException NulInQuotedValue(int position, string key) =>
        At(position, $"the quoted value of {key} contains a NUL character");

    public static ArgumentException TextAfterNul(int position) =>
        At(position, "text follows a NUL character, which ends the connection string");

    /// <summary>The builder rejected what the scanner let pass; its message gives at most a position.</summary>
    public static ArgumentException Unexplained(string? position) =>
        new(
            $"The connection string is malformed{(position is null ? string.Empty : $" at position {position} (0-based)")}; "
            + "values containing ';' or quotes must be quoted. (The text is not shown: it may hold a password.)",
            ParameterName);

    /// <summary>How a key is named in a message: quoted, with control characters written as escapes.</summary>
    public static string Quote(string key)
    {
        var shown = new StringBuilder("key '");
        foreach (var c in key)
        {
            shown.Append(c switch
            {
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return shown.Append('\'').ToString();
    }

    /// <summary>How a key that may be the tail of a secret is named: by the secret's key, never by its own text.</summary>
    public static string AfterSecret(string secretKey) =>
        $"the key after the unquoted value of {secretKey} (not shown: if that value holds a ';', it runs on here; quote it)";

    private static string Code(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    private static ArgumentException At(int position, string what) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"The connection string is malformed at position {position} (0-based): {what}. ")
            + "(The text itself is not shown: it may hold a password.)",
            ParameterName);
}
