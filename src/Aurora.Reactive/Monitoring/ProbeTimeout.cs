using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>The error of a probe that did not answer within its timeout.</summary>
internal static class ProbeTimeout
{
    public static TimeoutException Exception(HostSpec host, TimeSpan timeout) =>
        new($"Host {host.Endpoint} did not answer a probe within {timeout.TotalMilliseconds} ms.");
}
