using System.Globalization;
using System.Text;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>The <c>options:</c> and <c>legend:</c> parts of the scenario format.</summary>
internal sealed partial class MarbleScenarioParser
{
    private void ParseOptions(string value, string raw, int number, int valueIndex)
    {
        foreach (var (token, index) in Tokens(value, raw, number, valueIndex))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Error(number, raw, index, $"option '{token}' is not 'key=value'");
            }

            var key = token[..equals];
            if (!_options.TryAdd(key, Unquote(token[(equals + 1)..])))
            {
                throw Error(number, raw, index, $"option '{key}' is given twice");
            }
        }
    }

    private void ParseLegend(string value, string raw, int number, int valueIndex)
    {
        var errorAt = value.IndexOf("#=", StringComparison.Ordinal);
        var values = errorAt < 0 ? value : value[..errorAt];
        foreach (var (token, index) in Tokens(values, raw, number, valueIndex))
        {
            if (token.Length < 2 || token[1] != '=' || !char.IsAsciiLetterOrDigit(token[0]))
            {
                throw Error(number, raw, index, $"legend entry '{token}' is not 'symbol=value' with a letter or digit as the symbol");
            }

            if (!_legend.TryAdd(token[0], Typed(token[2..])))
            {
                throw Error(number, raw, index, $"symbol '{token[0]}' is in the legend twice");
            }
        }

        if (errorAt >= 0)
        {
            _error = ParseError(value[(errorAt + 2)..].Trim(), raw, number, valueIndex + errorAt + 2);
        }
    }

    /// <summary>Numbers become <see cref="long"/> or <see cref="double"/>, true/false <see cref="bool"/>, quoted or other text <see cref="string"/>.</summary>
    private static object Typed(string text)
    {
        if (text.StartsWith('"'))
        {
            return Unquote(text);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.Contains('.', StringComparison.Ordinal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        return text switch
        {
            "true" => true,
            "false" => false,
            _ => text,
        };
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && text[^1] == '"'
            ? text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : text;

    /// <summary>Splits on spaces, keeping double-quoted parts (with \" escapes) whole; yields each token with its index in the raw line.</summary>
    private List<(string Token, int Index)> Tokens(string value, string raw, int number, int valueIndex)
    {
        var tokens = new List<(string, int)>();
        var i = 0;
        while (i < value.Length)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var token = new StringBuilder();
            var quoted = false;
            for (; i < value.Length && (quoted || !char.IsWhiteSpace(value[i])); i++)
            {
                if (value[i] == '\\' && quoted && i + 1 < value.Length)
                {
                    token.Append(value[i]).Append(value[++i]);
                    continue;
                }

                quoted ^= value[i] == '"';
                token.Append(value[i]);
            }

            if (quoted)
            {
                throw Error(number, raw, valueIndex + start, "a quoted value is never closed with '\"'");
            }

            tokens.Add((token.ToString(), valueIndex + start));
        }

        return tokens;
    }
}
