namespace FailoverDemo.Live;

/// <summary>A timeline entry: a fault, a promotion, a failover event of the client, a step of the run.</summary>
internal sealed record TimelineNoted(TimeSpan At, string What) : DemoEvent(At);
