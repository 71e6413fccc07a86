namespace Aurora.Reactive.Testing.Marbles;

/// <summary>What a marble symbol stands for.</summary>
public enum MarbleEventKind
{
    /// <summary>A value (a letter or digit looked up in the legend).</summary>
    Value,

    /// <summary>Completion, <c>|</c>.</summary>
    Completed,

    /// <summary>Error, <c>#</c>.</summary>
    Error,
}
