using System.Text.RegularExpressions;
using Microsoft.Reactive.Testing;

namespace Aurora.Reactive.Testing.Marbles;

/// <summary>Reads the <c>*.marble</c> scenario format, line by line.</summary>
internal sealed partial class MarbleScenarioParser(string text, string source)
{
    private const string Keys = "title, subject, frame, duration, options, legend, error, hot NAME, cold NAME, expect NAME, subs NAME";

    private readonly List<PendingLine> _streams = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<char, object> _legend = [];
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);
    private MarbleError? _error;
    private string _title = "";
    private string? _subject;
    private TimeSpan _frame = TimeSpan.FromMilliseconds(1);
    private TimeSpan? _duration;

    public MarbleScenario Parse()
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            ParseLine(lines[i].TrimEnd('\r'), i + 1);
        }

        if (_subject is null)
        {
            throw new MarbleSyntaxException("the scenario has no 'subject:' line naming the system under test (e.g. 'subject: rx.timeout')", source, 1, 1, lines[0].TrimEnd('\r'));
        }

        var inputs = new List<MarbleScenarioInput>();
        var expectations = new List<MarbleScenarioExpectation>();
        var subscriptions = new List<MarbleSubscriptionExpectation>();
        foreach (var line in _streams)
        {
            var location = new MarbleLocation(source, line.LineNumber, line.ValueColumn, line.Raw);
            switch (line.Kind)
            {
                case "hot":
                    inputs.Add(new(line.Name, MarbleLineKind.Hot, MarbleParser.Parse(line.Marbles, _frame, MarbleLineKind.Hot, location)));
                    break;
                case "cold":
                    inputs.Add(new(line.Name, MarbleLineKind.Cold, MarbleParser.Parse(line.Marbles, _frame, MarbleLineKind.Cold, location)));
                    break;
                case "expect":
                    expectations.Add(new(line.Name, MarbleParser.Parse(line.Marbles, _frame, MarbleLineKind.Expected, location)));
                    break;
                default:
                    subscriptions.Add(new(line.Name, MarbleParser.ParseSubscription(line.Marbles, _frame, location), location));
                    break;
            }
        }

        CheckNames(inputs, expectations);
        return new MarbleScenario(
            source, _title, _subject, _frame, _duration, new MarbleOptions(_options),
            new MarbleLegend<object>(_legend, _error, MarbleValueComparer.Instance), inputs, expectations, subscriptions);
    }

    private void ParseLine(string raw, int number)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return;
        }

        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw Error(number, raw, raw.Length - raw.TrimStart().Length, $"expected 'key: value' (keys: {Keys}); a comment starts with '#'");
        }

        var words = raw[..colon].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var value = raw[(colon + 1)..];
        var valueIndex = colon + 1;
        var key = words.Length == 0 ? "" : words[0];
        if (words.Length == 2 && key is "hot" or "cold" or "expect" or "subs")
        {
            AddStream(key, words[1], value, raw, number, valueIndex);
            return;
        }

        if (words.Length != 1)
        {
            throw Error(number, raw, 0, $"unknown key '{string.Join(' ', words)}'; keys: {Keys}");
        }

        if (IsSingle(key) && !_seenKeys.Add(key))
        {
            throw Error(number, raw, 0, $"'{key}:' appears twice");
        }

        ParseSetting(key, value, raw, number, valueIndex);
    }

    private static bool IsSingle(string key) => key is "title" or "subject" or "frame" or "duration" or "error";

    private void ParseSetting(string key, string value, string raw, int number, int valueIndex)
    {
        var trimmed = value.Trim();
        var at = valueIndex + (value.Length - value.TrimStart().Length);
        switch (key)
        {
            case "title":
                _title = trimmed;
                break;
            case "subject":
                _subject = NamePattern().IsMatch(trimmed) ? trimmed : throw Error(number, raw, at, $"subject '{trimmed}' is not a name such as 'rx.timeout'");
                break;
            case "frame":
                _frame = MarbleDuration.TryParse(trimmed, out var frame) && frame > TimeSpan.Zero
                    ? frame
                    : throw Error(number, raw, at, $"frame '{trimmed}' is not a positive duration such as 10ms, 1s, 1.5s or 2m");
                break;
            case "duration":
                _duration = MarbleDuration.TryParse(trimmed, out var duration) && duration > TimeSpan.Zero
                    ? duration
                    : throw Error(number, raw, at, $"duration '{trimmed}' is not a positive duration such as 500ms, 300s or 5m");
                break;
            case "error":
                _error = ParseError(trimmed, raw, number, at);
                break;
            case "options":
                ParseOptions(value, raw, number, valueIndex);
                break;
            case "legend":
                ParseLegend(value, raw, number, valueIndex);
                break;
            default:
                throw Error(number, raw, 0, $"unknown key '{key}'; keys: {Keys}");
        }
    }

    private void AddStream(string kind, string name, string marbles, string raw, int number, int valueIndex)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw Error(number, raw, raw.IndexOf(name, StringComparison.Ordinal), $"stream name '{name}' must be letters, digits, '_', '.' or '-', starting with a letter");
        }

        _streams.Add(new PendingLine(kind, name, marbles, raw, number, valueIndex + 1));
    }

    private MarbleError ParseError(string text, string raw, int number, int at)
    {
        if (_error is not null)
        {
            throw Error(number, raw, at, "the error of '#' is given twice (an 'error:' line or '#=' in the legend)");
        }

        try
        {
            return MarbleError.Parse(text);
        }
        catch (FormatException e)
        {
            throw Error(number, raw, at, e.Message);
        }
    }

    private void CheckNames(List<MarbleScenarioInput> inputs, List<MarbleScenarioExpectation> expectations)
    {
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        var outputNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in _streams)
        {
            var fresh = line.Kind switch
            {
                "subs" => true,
                "expect" => outputNames.Add(line.Name),
                _ => inputNames.Add(line.Name),
            };
            if (!fresh)
            {
                throw Error(line.LineNumber, line.Raw, 0, $"stream '{line.Name}' is declared twice");
            }

            if (line.Kind == "subs" && inputs.All(i => i.Name != line.Name))
            {
                throw Error(line.LineNumber, line.Raw, 0, $"'subs {line.Name}:' names no input; inputs: {string.Join(", ", inputs.Select(i => i.Name))}");
            }
        }

        if (expectations.Count == 0)
        {
            throw new MarbleSyntaxException("the scenario has no 'expect NAME:' line, so it would check nothing", source, 1, 1, text.Split('\n')[0].TrimEnd('\r'));
        }
    }

    private MarbleSyntaxException Error(int number, string raw, int index, string problem) =>
        new(problem, source, number, index + 1, raw);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private sealed record PendingLine(string Kind, string Name, string Marbles, string Raw, int LineNumber, int ValueColumn);
}
