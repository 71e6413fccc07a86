namespace FailoverDemo.Live;

/// <summary>The workload's caller saw an error.</summary>
internal sealed record CallerErrorSeen(TimeSpan At, string Error) : DemoEvent(At);
