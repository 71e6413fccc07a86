namespace Aurora.Reactive.Testing.Marbles;

/// <summary>One event of a parsed marble line.</summary>
/// <param name="Time">Ticks (100 ns) after the line's frame 0 (its <c>^</c>, or its start); negative before <c>^</c>.</param>
/// <param name="Kind">Value, completion or error.</param>
/// <param name="Symbol">The character in the line.</param>
/// <param name="Column">1-based column of the character in the source text.</param>
public readonly record struct MarbleEvent(long Time, MarbleEventKind Kind, char Symbol, int Column);
