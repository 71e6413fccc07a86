namespace FailoverDemo.Live;

/// <summary>The run is over and checked: the summary the view shows last.</summary>
internal sealed record RunSummarized(TimeSpan At, DemoSummary Summary) : DemoEvent(At);
