using System.Text;

namespace Aurora.Reactive.Options;

/// <summary>
/// Checks a connection string's syntax and lists every key as written, in order, with whether its value is empty.
/// It follows the grammar of <see cref="System.Data.Common.DbConnectionStringBuilder"/> (and is stricter in one
/// point: a key may not hold a ';', which there would silently join two keys), so that a malformed string fails
/// here with the position and the key instead of in the builder with neither. The builder also drops keys with an
/// empty value (<c>plugins=</c>) and keeps only the last of a repeated key; for our keys either would turn a
/// user's setting into a default without a word, so the parser checks this list too.
/// </summary>
internal static class ConnectionStringKeyScanner
{
    /// <summary>The keys (trimmed, as written) with whether the value is empty and unquoted.</summary>
    /// <exception cref="ArgumentException">The string is malformed; the message gives the 0-based position and the key when there is one, never a value.</exception>
    public static IReadOnlyList<(string Key, bool IsEmpty)> Scan(string connectionString)
    {
        var text = connectionString;
        var keys = new List<(string Key, bool IsEmpty)>();
        string? afterSecret = null;
        var i = 0;
        while (true)
        {
            while (i < text.Length && (text[i] == ';' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return keys;
            }

            if (text[i] == '\0')
            {
                ThrowIfTextAfterNul(text, i);
                return keys;
            }

            var key = ReadKey(text, ref i, afterSecret);
            var shown = ShownKey(key, afterSecret);
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length || text[i] is ';' or '\0')
            {
                keys.Add((key, true));
                afterSecret = null;
                continue;
            }

            var quoted = text[i] is '"' or '\'';
            if (quoted)
            {
                SkipQuotedValue(text, ref i, shown);
            }
            else
            {
                SkipUnquotedValue(text, ref i, shown);
            }

            keys.Add((key, false));
            // An unquoted secret may run on past a ';' the user meant inside it: what follows could be its tail, so the
            // keys after it are not shown in errors until a quoted or empty value ends the doubt.
            afterSecret = quoted ? null : afterSecret ?? (SensitiveKeys.IsSensitive(key) ? ConnectionStringSyntaxError.Quote(key) : null);
        }
    }

    // A key runs to the first single '='; "==" stands for a literal '=' inside a key. Whitespace at its end is trimmed.
    // A control character that is not whitespace stops the builder's parse; one that is (a TAB, a line break) passes
    // its parse but makes the key invalid, so both are errors here, at the character's position.
    private static string ReadKey(string text, ref int i, string? afterSecret)
    {
        var start = i;
        var key = new StringBuilder();
        (int Position, int IndexInKey) firstControl = (-1, -1);
        while (true)
        {
            if (i >= text.Length || text[i] == ';')
            {
                throw ConnectionStringSyntaxError.MissingEquals(start, ShownKey(key.ToString().TrimEnd(), afterSecret));
            }

            var c = text[i];
            if (c == '=')
            {
                if (i + 1 < text.Length && text[i + 1] == '=')
                {
                    key.Append('=');
                    i += 2;
                    continue;
                }

                break;
            }

            if (char.IsControl(c))
            {
                if (!char.IsWhiteSpace(c))
                {
                    throw ConnectionStringSyntaxError.ControlInKey(i, c, ShownKey(key.Append(c).ToString(), afterSecret));
                }

                if (firstControl.Position < 0)
                {
                    firstControl = (i, key.Length);
                }
            }

            key.Append(c);
            i++;
        }

        var name = key.ToString().TrimEnd();
        if (name.Length == 0)
        {
            throw ConnectionStringSyntaxError.EmptyKey(i);
        }

        // Trailing whitespace is trimmed; a TAB or line break with more of the key after it is inside the key.
        if (firstControl.Position >= 0 && firstControl.IndexInKey < name.Length)
        {
            throw ConnectionStringSyntaxError.ControlInKey(firstControl.Position, text[firstControl.Position], ShownKey(name, afterSecret));
        }

        i++;
        return name;
    }

    private static string ShownKey(string key, string? afterSecret) =>
        afterSecret is null ? ConnectionStringSyntaxError.Quote(key) : ConnectionStringSyntaxError.AfterSecret(afterSecret);

    // A quoted value ends at its closing quote; a doubled quote inside stands for one quote. Only whitespace may follow.
    private static void SkipQuotedValue(string text, ref int i, string key)
    {
        var open = i;
        var quote = text[i++];
        while (true)
        {
            if (i >= text.Length)
            {
                throw ConnectionStringSyntaxError.UnclosedQuote(open, quote, key);
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            if (text[i] == '\0')
            {
                throw ConnectionStringSyntaxError.NulInQuotedValue(i, key);
            }

            i++;
        }

        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] is not (';' or '\0'))
        {
            throw ConnectionStringSyntaxError.TextAfterClosingQuote(i, key);
        }
    }

    // An unquoted value runs to ';' (or a NUL, which ends the string); it may not hold other control characters nor end in a quote.
    private static void SkipUnquotedValue(string text, ref int i, string key)
    {
        var last = i;
        while (i < text.Length && text[i] is not (';' or '\0'))
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                if (char.IsControl(c))
                {
                    throw ConnectionStringSyntaxError.ControlInValue(i, c, key);
                }

                last = i;
            }

            i++;
        }

        if (text[last] is '"' or '\'')
        {
            throw ConnectionStringSyntaxError.UnquotedValueEndsInQuote(last, key);
        }
    }

    private static void ThrowIfTextAfterNul(string text, int nul)
    {
        for (var i = nul; i < text.Length; i++)
        {
            if (text[i] != '\0')
            {
                throw ConnectionStringSyntaxError.TextAfterNul(i);
            }
        }
    }
}
