namespace Aurora.Reactive.Testing.Marbles;

/// <summary>
/// One scenario read from a <c>*.marble</c> file: the subject under test, its options, named input lines,
/// named expected output lines, expected subscriptions and the legend. See <c>marbles/README.md</c> for
/// the format; <see cref="MarbleScenarioPlayer"/> replays it.
/// </summary>
public sealed class MarbleScenario
{
    internal MarbleScenario(
        string source,
        string title,
        string subject,
        TimeSpan frame,
        TimeSpan? duration,
        MarbleOptions options,
        MarbleLegend<object> legend,
        IReadOnlyList<MarbleScenarioInput> inputs,
        IReadOnlyList<MarbleScenarioExpectation> expectations,
        IReadOnlyList<MarbleSubscriptionExpectation> subscriptions)
    {
        Source = source;
        Title = title;
        Subject = subject;
        Frame = frame;
        Duration = duration;
        Options = options;
        Legend = legend;
        Inputs = inputs;
        Expectations = expectations;
        SubscriptionExpectations = subscriptions;
    }

    /// <summary>The file name (or other source name) used in messages.</summary>
    public string Source { get; }

    /// <summary>The <c>title:</c>, or the empty string.</summary>
    public string Title { get; }

    /// <summary>The <c>subject:</c>, naming the runner, e.g. <c>rx.timeout</c>.</summary>
    public string Subject { get; }

    /// <summary>The <c>frame:</c> length; 1 ms when not given.</summary>
    public TimeSpan Frame { get; }

    /// <summary>The <c>duration:</c> to observe from frame 0, or <see langword="null"/> for "to the end of the longest line".</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The <c>options:</c>.</summary>
    public MarbleOptions Options { get; }

    /// <summary>The <c>legend:</c> and <c>error:</c>: values are <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.</summary>
    public MarbleLegend<object> Legend { get; }

    /// <summary>The input lines, in file order.</summary>
    public IReadOnlyList<MarbleScenarioInput> Inputs { get; }

    /// <summary>The expected output lines, in file order.</summary>
    public IReadOnlyList<MarbleScenarioExpectation> Expectations { get; }

    /// <summary>The expected subscriptions to inputs, in file order.</summary>
    public IReadOnlyList<MarbleSubscriptionExpectation> SubscriptionExpectations { get; }

    /// <summary>Reads a scenario from text.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">The name used in error messages, e.g. the relative path.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="MarbleSyntaxException">The text is not a valid scenario; the message names line and column.</exception>
    public static MarbleScenario Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        return new MarbleScenarioParser(text, source).Parse();
    }

    /// <summary>Reads a scenario file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="source">The name used in messages; <see langword="null"/> for <paramref name="path"/>.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="MarbleSyntaxException">The file is not a valid scenario.</exception>
    public static MarbleScenario Load(string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), source ?? path);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Source} ({Subject}): {Title}";
}
