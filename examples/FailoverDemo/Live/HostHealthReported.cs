using Aurora.Reactive.Monitoring;

namespace FailoverDemo.Live;

/// <summary>A host monitor's latest word on one host.</summary>
internal sealed record HostHealthReported(TimeSpan At, string Endpoint, string? InstanceId, HostHealthStatus Status, int ConsecutiveFailures, TimeSpan? ProbeLatency)
    : DemoEvent(At);
