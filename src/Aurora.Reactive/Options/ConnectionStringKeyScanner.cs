namespace Aurora.Reactive.Options;

/// <summary>
/// Lists every key as written, in order, and whether its value is empty. <see cref="System.Data.Common.DbConnectionStringBuilder"/>
/// silently drops keys with an empty value (<c>plugins=</c>) and keeps only the last of a repeated key; for our keys
/// either would turn a user's setting into a default without a word, so the parser checks this list too.
/// It runs only on strings the builder has already accepted as well-formed.
/// </summary>
internal static class ConnectionStringKeyScanner
{
    /// <summary>The keys (trimmed, as written) with whether the value is empty and unquoted.</summary>
    public static IReadOnlyList<(string Key, bool IsEmpty)> Scan(string connectionString)
    {
        var keys = new List<(string Key, bool IsEmpty)>();
        var i = 0;
        while (i < connectionString.Length)
        {
            while (i < connectionString.Length && (char.IsWhiteSpace(connectionString[i]) || connectionString[i] == ';'))
            {
                i++;
            }

            var key = ReadKey(connectionString, ref i);
            if (key is null)
            {
                break;
            }

            while (i < connectionString.Length && char.IsWhiteSpace(connectionString[i]) && connectionString[i] != ';')
            {
                i++;
            }

            if (i >= connectionString.Length || connectionString[i] == ';')
            {
                keys.Add((key, true));
                continue;
            }

            keys.Add((key, false));
            SkipValue(connectionString, ref i);
        }

        return keys;
    }

    // A key runs to the first single '='; "==" stands for a literal '=' inside a key.
    private static string? ReadKey(string text, ref int i)
    {
        var start = i;
        while (i < text.Length)
        {
            if (text[i] == '=')
            {
                if (i + 1 < text.Length && text[i + 1] == '=')
                {
                    i += 2;
                    continue;
                }

                var key = text[start..i].Replace("==", "=", StringComparison.Ordinal).Trim();
                i++;
                return key;
            }

            i++;
        }

        return null;
    }

    private static void SkipValue(string text, ref int i)
    {
        var quote = text[i];
        if (quote is '"' or '\'')
        {
            i++;
            while (i < text.Length)
            {
                if (text[i] == quote)
                {
                    // A doubled quote is an escaped quote inside the value.
                    if (i + 1 < text.Length && text[i + 1] == quote)
                    {
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                i++;
            }
        }

        while (i < text.Length && text[i] != ';')
        {
            i++;
        }
    }
}
