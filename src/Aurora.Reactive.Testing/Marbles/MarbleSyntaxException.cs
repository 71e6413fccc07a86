namespace Aurora.Reactive.Testing.Marbles;

/// <summary>A marble line or scenario file that cannot be read; the message names the source, line and column.</summary>
public sealed class MarbleSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, in a few words.</param>
    /// <param name="source">The file or diagram name, or <see langword="null"/>.</param>
    /// <param name="lineNumber">1-based line number.</param>
    /// <param name="column">1-based column.</param>
    /// <param name="lineText">The text of the offending line, shown with a caret under the column.</param>
    public MarbleSyntaxException(string problem, string? source, int lineNumber, int column, string lineText)
        : base(Format(problem, source, lineNumber, column, lineText))
    {
        Problem = problem;
        SourceName = source;
        LineNumber = lineNumber;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>The file or diagram name, or <see langword="null"/>.</summary>
    public string? SourceName { get; }

    /// <summary>1-based line number.</summary>
    public int LineNumber { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    private static string Format(string problem, string? source, int lineNumber, int column, string lineText)
    {
        var where = source is null ? $"line {lineNumber}, column {column}" : $"{source}: line {lineNumber}, column {column}";
        var caret = new string(' ', Math.Max(0, column - 1)) + "^";
        return $"{where}: {problem}{Environment.NewLine}  {lineText}{Environment.NewLine}  {caret}";
    }
}
