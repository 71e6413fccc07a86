using Aurora.Reactive.Monitoring;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Connections;

internal sealed partial class AuroraConnectionSettings
{
    /// <summary>
    /// Enhanced failure monitoring of every command, or <see langword="null"/> for none. When set, each command
    /// is watched by the shared monitor of its host and released as soon as the host is declared dead (see
    /// <see cref="Monitoring.HostMonitoringSettings"/> for the timeline).
    /// </summary>
    /// <value>The default value is <see langword="null"/>; <see cref="From"/> sets it when the <c>host_monitoring</c>
    /// plugin is loaded and <c>failure_detection_enabled</c> is true, except on RDS Proxy endpoints.</value>
    public HostMonitoringSettings? HostMonitoring { get; init; }

    /// <summary>Where the data source logs (monitoring decisions, hosts declared dead), or <see langword="null"/> for no logging.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ILoggerFactory? LoggerFactory { get; init; }
}
