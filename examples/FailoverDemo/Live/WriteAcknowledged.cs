namespace FailoverDemo.Live;

/// <summary>The workload's caller got an acknowledgement for one row.</summary>
internal sealed record WriteAcknowledged(TimeSpan At) : DemoEvent(At);
