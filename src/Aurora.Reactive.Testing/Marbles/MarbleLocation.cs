namespace Aurora.Reactive.Testing.Marbles;

/// <summary>Where a marble line sits in its source, so that errors can name the line and column.</summary>
/// <param name="Source">File or diagram name, or <see langword="null"/>.</param>
/// <param name="LineNumber">1-based line number in the source.</param>
/// <param name="FirstColumn">1-based column in the source line of the marble text's first character.</param>
/// <param name="SourceLine">The whole source line, shown in error messages; <see langword="null"/> means the marble text itself.</param>
public sealed record MarbleLocation(string? Source = null, int LineNumber = 1, int FirstColumn = 1, string? SourceLine = null)
{
    /// <summary>Creates the error for a problem at <paramref name="index"/> (0-based) of the marble text.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="marbleText">The marble text.</param>
    /// <param name="index">0-based index in <paramref name="marbleText"/>.</param>
    /// <returns>The exception to throw.</returns>
    public MarbleSyntaxException Error(string problem, string marbleText, int index) =>
        new(problem, Source, LineNumber, FirstColumn + index, SourceLine ?? marbleText);
}
