using System.Reactive.Linq;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Connections;

public sealed partial class AuroraDataSource
{
    /// <summary>
    /// The health of every host the data source's commands run on, as enhanced failure monitoring sees it:
    /// at subscription the current health of each live monitor, then every change (a value per completed probe).
    /// Monitors exist only while commands use them (and for <c>monitor_disposal_time_ms</c> after), and probe
    /// only while a command is past its grace period, so a quiet data source emits nothing. Subscribing neither
    /// starts nor keeps probing. Completes at once when monitoring is off, and when the data source is disposed.
    /// </summary>
    public IObservable<HostHealth> HostHealth => Monitors?.Health ?? Observable.Empty<HostHealth>();

    /// <summary>The shared monitors of this data source, or <see langword="null"/> when monitoring is off.</summary>
    internal HostMonitorRegistry? Monitors { get; }

    /// <summary>The health of one host (see <see cref="HostHealth"/>); matches the host as a node (its instance id when known, else its endpoint), whatever its role.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The host's health updates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is <see langword="null"/>.</exception>
    public IObservable<HostHealth> HostHealthOf(HostSpec host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return HostHealth.Where(health => health.Host.Node == host.Node);
    }

    private HostMonitorRegistry? CreateMonitors(string driverConnectionString)
    {
        if (Settings.HostMonitoring is not { } monitoring)
        {
            return null;
        }

        var proberFactory = monitoring.ProberFactory ?? CreateProberFactory(monitoring, driverConnectionString);
        return proberFactory is null
            ? null
            : new HostMonitorRegistry(
                proberFactory,
                monitoring.Scheduler,
                error => Telemetry.StreamSubscriberFailed("the data source's host health", error),
                Telemetry.MonitorCaughtError);
    }

    private Func<HostSpec, FailureDetectionSettings, IHostProber>? CreateProberFactory(HostMonitoringSettings monitoring, string driverConnectionString)
    {
        var open = monitoring.OpenConnection;
        var method = monitoring.ProbeMethod;
        if (open is null)
        {
            using var sample = _connections.CreateConnection(InitialHost);
            var opener = MonitoringConnectionOpener.TryCreate(
                sample, monitoring.ConnectionString ?? driverConnectionString, monitoring.ApplicationName, monitoring.Detection.ProbeTimeout, _passwordProvider);
            if (opener is null)
            {
                Telemetry.MonitoringUnsupportedDriver(Driver.DisplayName, sample.GetType());
                return null;
            }

            open = opener.OpenAsync;
            method ??= opener.DefaultProbe;
        }

        var chosen = method ?? ProbeMethod.Connect;
        Telemetry.MonitoringEnabled(monitoring.Detection, chosen);
        return (_, _) => HostProbers.Create(chosen, open, HandOff);
    }
}
