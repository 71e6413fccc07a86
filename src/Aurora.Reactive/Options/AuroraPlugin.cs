namespace Aurora.Reactive.Options;

/// <summary>A behaviour loaded through the <c>plugins</c> option.</summary>
internal enum AuroraPlugin
{
    /// <summary>Fast failover (code <c>failover</c>).</summary>
    Failover = 0,

    /// <summary>Enhanced failure monitoring (code <c>host_monitoring</c>); must come after <see cref="Failover"/> when both are loaded.</summary>
    HostMonitoring = 1,
}
