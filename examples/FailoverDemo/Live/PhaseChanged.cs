namespace FailoverDemo.Live;

/// <summary>The run moved on to another phase (steady writes, a fault, waiting for writes to resume, done).</summary>
internal sealed record PhaseChanged(TimeSpan At, string Phase) : DemoEvent(At);
