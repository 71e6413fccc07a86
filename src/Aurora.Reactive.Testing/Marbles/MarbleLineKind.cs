namespace Aurora.Reactive.Testing.Marbles;

/// <summary>How a marble line is used, which decides the symbols it may contain.</summary>
public enum MarbleLineKind
{
    /// <summary>A cold input: frame 0 is each subscription; no <c>^</c> or <c>!</c>.</summary>
    Cold,

    /// <summary>A hot input: frame 0 is its <c>^</c> (or its start when it has none); no <c>!</c>.</summary>
    Hot,

    /// <summary>An expected output: frame 0 is the subscription of the test's observer; no <c>^</c> or <c>!</c>.</summary>
    Expected,
}
