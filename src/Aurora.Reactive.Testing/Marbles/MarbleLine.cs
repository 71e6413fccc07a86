namespace Aurora.Reactive.Testing.Marbles;

/// <summary>A parsed marble line: its events with their times, and where it came from.</summary>
public sealed class MarbleLine
{
    internal MarbleLine(string text, TimeSpan frame, IReadOnlyList<MarbleEvent> events, long start, long end, MarbleLocation location)
    {
        Text = text;
        Frame = frame;
        Events = events;
        Start = start;
        End = end;
        Location = location;
    }

    /// <summary>The marble text as written.</summary>
    public string Text { get; }

    /// <summary>The duration of one <c>-</c> (and of every other one-character symbol).</summary>
    public TimeSpan Frame { get; }

    /// <summary>The events in time order (events of one group share a time and keep their written order).</summary>
    public IReadOnlyList<MarbleEvent> Events { get; }

    /// <summary>Ticks of the line's first character relative to frame 0: zero, or negative for a hot line with <c>^</c>.</summary>
    public long Start { get; }

    /// <summary>Ticks relative to frame 0 just after the line's last character: how long the line lasts from frame 0.</summary>
    public long End { get; }

    /// <summary>Where the line was read, used in error messages.</summary>
    public MarbleLocation Location { get; }
}
