namespace Aurora.Reactive.Testing.Marbles;

/// <summary>The state of reading one marble line, character by character.</summary>
internal sealed class MarbleScan(string text, long frame, MarbleLocation location)
{
    private readonly List<MarbleEvent> _events = [];
    private long _time;
    private int _groupStart = -1;
    private long _groupTime;
    private int _groupSize;
    private int _terminalIndex = -1;

    public IReadOnlyList<MarbleEvent> Events => _events;

    public long? Caret { get; private set; }

    public long? Bang { get; private set; }

    public long End => _time;

    /// <summary>Reads the token at <paramref name="i"/> and returns the index after it.</summary>
    public int Step(int i, bool allowCaret, bool allowBang, bool allowEvents)
    {
        var c = text[i];
        if (c is ' ' or '\t')
        {
            return i + 1;
        }

        if (_groupStart < 0 && char.IsAsciiDigit(c) && (i == 0 || text[i - 1] is ' ' or '\t') && TryProgression(i) is { } next)
        {
            return next;
        }

        switch (c)
        {
            case '-':
                if (_groupStart >= 0)
                {
                    throw Error("'-' inside a group; a group holds only events", i);
                }

                break;
            case '(':
                OpenGroup(i, allowEvents);
                break;
            case ')':
                CloseGroup(i);
                break;
            case '^':
                Caret = Mark(i, allowCaret, Caret, "'^' (subscription point) is only allowed in hot and subscription lines", "a second '^'");
                break;
            case '!':
                Bang = Mark(i, allowBang, Bang, "'!' (unsubscription) is only allowed in subscription lines", "a second '!'");
                if (Caret is null)
                {
                    throw Error("'!' before '^': the unsubscription must follow the subscription", i);
                }

                break;
            case '|':
                AddEvent(i, MarbleEventKind.Completed, allowEvents);
                break;
            case '#':
                AddEvent(i, MarbleEventKind.Error, allowEvents);
                break;
            default:
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    throw Error($"unexpected character '{c}'; use - | # ^ ! ( ) spaces, time progressions, and letters or digits for values", i);
                }

                AddEvent(i, MarbleEventKind.Value, allowEvents);
                break;
        }

        _time += frame;
        return i + 1;
    }

    public void Finish()
    {
        if (_groupStart >= 0)
        {
            throw Error("group '(' is never closed with ')'", _groupStart);
        }
    }

    private int? TryProgression(int i)
    {
        var end = text.IndexOfAny([' ', '\t'], i);
        if (end < 0)
        {
            end = text.Length;
        }

        if (!MarbleDuration.TryParse(text[i..end], out var duration))
        {
            return null;
        }

        _time += duration.Ticks;
        return end;
    }

    private void OpenGroup(int i, bool allowEvents)
    {
        if (_groupStart >= 0)
        {
            throw Error("groups cannot be nested", i);
        }

        if (!allowEvents)
        {
            throw Error("a subscription line holds no events or groups", i);
        }

        _groupStart = i;
        _groupTime = _time;
        _groupSize = 0;
    }

    private void CloseGroup(int i)
    {
        if (_groupStart < 0)
        {
            throw Error("')' without a '(' before it", i);
        }

        if (_groupSize == 0)
        {
            throw Error("empty group '()'", _groupStart);
        }

        _groupStart = -1;
    }

    private long Mark(int i, bool allowed, long? existing, string notAllowed, string second)
    {
        if (!allowed)
        {
            throw Error(notAllowed, i);
        }

        if (_groupStart >= 0)
        {
            throw Error("'^' and '!' cannot be inside a group", i);
        }

        return existing is null ? _time : throw Error($"{second}; a line has at most one", i);
    }

    private void AddEvent(int i, MarbleEventKind kind, bool allowEvents)
    {
        if (!allowEvents)
        {
            throw Error($"'{text[i]}': a subscription line holds only '-', '^', '!', spaces and time progressions", i);
        }

        if (_terminalIndex >= 0)
        {
            throw Error($"'{text[i]}' after the stream ended at column {location.FirstColumn + _terminalIndex}", i);
        }

        if (kind != MarbleEventKind.Value)
        {
            _terminalIndex = i;
        }

        var time = _groupStart >= 0 ? _groupTime : _time;
        _events.Add(new MarbleEvent(time, kind, text[i], location.FirstColumn + i));
        _groupSize++;
    }

    private MarbleSyntaxException Error(string problem, int i) => location.Error(problem, text, i);
}
