using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// A prober that can prepare for its first probe (open a monitoring connection, let the driver load what it loads on
/// first use), so that the probe measures the node and not that set-up. The monitor asks for it one probe timeout
/// before a command's detection window opens; a command that ends sooner costs nothing.
/// </summary>
internal interface IWarmableProber
{
    /// <summary>Starts the preparation in the background, unless it is done or under way; never blocks, never throws.</summary>
    /// <param name="host">The host the probes will go to.</param>
    void Warm(HostSpec host);
}
