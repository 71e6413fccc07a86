using Aurora.Reactive.Monitoring;

namespace FailoverDemo.Live;

/// <summary>One line of the hosts table.</summary>
/// <param name="Name">The instance id, or <c>(endpoint)</c> for a host known only by its address.</param>
/// <param name="Role">Writer or Reader from the latest topology; <c>left</c> when the host is no longer in it.</param>
internal sealed record HostRow(string Name, string Endpoint, string Role, HostHealthStatus Health, int Failures, TimeSpan? ProbeLatency)
{
    /// <summary>The probe latency as shown, or <c>-</c>.</summary>
    public string Probe => ProbeLatency is { } latency ? $"{latency.TotalMilliseconds:0.0} ms" : "-";
}
