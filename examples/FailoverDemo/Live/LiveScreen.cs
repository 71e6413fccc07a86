namespace FailoverDemo.Live;

/// <summary>Everything one frame of the live view shows, as data: the renderers only lay it out.</summary>
/// <param name="Elapsed">The time of the frame.</param>
/// <param name="Phase">What the run is doing.</param>
/// <param name="Writer">The writer of the latest topology read, or null before the first read.</param>
/// <param name="Hosts">The hosts, ordered by endpoint.</param>
/// <param name="WritesPerSecond">Acknowledged writes in the last second before <paramref name="Elapsed"/>.</param>
/// <param name="RecentRates">Acknowledged writes per whole second, oldest first, the current second last.</param>
/// <param name="Acknowledged">Writes acknowledged so far.</param>
/// <param name="Errors">Errors the caller saw so far.</param>
/// <param name="RecentEvents">The latest timeline entries, oldest first.</param>
/// <param name="Summary">The summary, once the run is over.</param>
internal sealed record LiveScreen(
    TimeSpan Elapsed,
    string Phase,
    string? Writer,
    IReadOnlyList<HostRow> Hosts,
    int WritesPerSecond,
    IReadOnlyList<int> RecentRates,
    int Acknowledged,
    int Errors,
    IReadOnlyList<TimelineNoted> RecentEvents,
    DemoSummary? Summary)
{
    /// <summary><see cref="RecentRates"/> as a row of block characters, scaled to the highest rate shown.</summary>
    public string Sparkline => Live.Sparkline.From(RecentRates);
}
