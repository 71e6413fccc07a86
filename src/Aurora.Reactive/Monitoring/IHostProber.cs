using System.Reactive;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// Sends probes to one host. A <see cref="HostMonitor"/> owns one prober (and so at most one monitoring
/// connection) and disposes it with itself.
/// </summary>
/// <remarks>
/// The monitor times every probe on its own scheduler and bounds it by the probe timeout whatever the
/// prober does; it unsubscribes from a probe that took too long, which must abandon it (cancel, and dispose
/// any stuck connection in the background) without blocking the caller.
/// </remarks>
internal interface IHostProber : IDisposable
{
    /// <summary>
    /// A cold observable that sends one probe when subscribed to. It completes when the host answered
    /// (values it emits are ignored) and fails with the reason when the probe failed. Unsubscribing before
    /// it ends abandons the probe.
    /// </summary>
    /// <param name="host">The host to probe.</param>
    /// <param name="timeout">The probe timeout the monitor enforces; a prober passes it on to the driver where it can.</param>
    /// <returns>The probe, not yet sent.</returns>
    IObservable<Unit> Probe(HostSpec host, TimeSpan timeout);
}
