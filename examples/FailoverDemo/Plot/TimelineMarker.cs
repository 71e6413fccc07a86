namespace FailoverDemo.Plot;

/// <summary>A vertical line on the timeline picture.</summary>
/// <param name="At">Time since the start of the run.</param>
/// <param name="Label">What happened (<c>crash instance-1</c>, <c>promoted instance-2</c>).</param>
/// <param name="IsFault">A fault (drawn red) rather than a promotion (drawn green).</param>
internal sealed record TimelineMarker(TimeSpan At, string Label, bool IsFault);
