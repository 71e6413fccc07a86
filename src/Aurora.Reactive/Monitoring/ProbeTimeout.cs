using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>The error of a probe that did not answer within its timeout.</summary>
internal static class ProbeTimeout
{
    public static TimeoutException Exception(HostSpec host, TimeSpan timeout, Exception? inner = null) =>
        new($"Host {host.Endpoint} did not answer a probe within {timeout.TotalMilliseconds} ms.", inner);

    /// <summary>Whether a cancellation came from the probe's own bound rather than from the caller or a disposal.</summary>
    public static bool IsOwnBound(Exception error, CancellationToken caller, CancellationToken disposed) =>
        error is OperationCanceledException && !caller.IsCancellationRequested && !disposed.IsCancellationRequested;
}
