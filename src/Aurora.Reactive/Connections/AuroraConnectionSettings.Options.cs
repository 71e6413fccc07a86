using System.Reactive.Concurrency;
using Aurora.Reactive.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;
using Aurora.Reactive.Options;
using Microsoft.Extensions.Logging;

namespace Aurora.Reactive.Connections;

internal sealed partial class AuroraConnectionSettings
{
    /// <summary>
    /// The settings a parsed connection string asks for: the handler only when failover is active
    /// (<c>enable_failover</c> and the failover plugin), the read-only rule in <c>strict_writer</c> mode,
    /// the initial node believed to be the writer unless the endpoint is a reader endpoint or the mode
    /// targets readers, <c>keep_session_state_on_failover</c>, and enhanced failure monitoring when it is
    /// active (<c>host_monitoring</c> plugin and <c>failure_detection_enabled</c>) with the
    /// <c>failure_detection_*</c> settings, <c>failure_detection_probe</c> and the monitoring connection string
    /// (<c>monitoring_</c> keys). On an RDS Proxy endpoint monitoring stays off and a warning is logged.
    /// </summary>
    /// <param name="connectionString">The parsed connection string.</param>
    /// <param name="failoverHandler">The failover coordinator for the string's cluster.</param>
    /// <param name="loggerFactory">Where to log, or <see langword="null"/>.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is <see langword="null"/>.</exception>
    public static AuroraConnectionSettings From(AuroraConnectionString connectionString, IFailoverHandler? failoverHandler, ILoggerFactory? loggerFactory = null) =>
        From(connectionString, failoverHandler, loggerFactory, null);

    /// <summary>
    /// The settings <see cref="From(AuroraConnectionString, IFailoverHandler?, ILoggerFactory?)"/> gives, with failure monitoring on
    /// <paramref name="scheduler"/> and, when given, <paramref name="sessionSetup"/> as the session set-up statements.
    /// </summary>
    internal static AuroraConnectionSettings From(
        AuroraConnectionString connectionString,
        IFailoverHandler? failoverHandler,
        ILoggerFactory? loggerFactory,
        IScheduler? scheduler,
        IReadOnlyList<string>? sessionSetup = null,
        AuroraTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = connectionString.Options;
        var strictWriter = options.FailoverMode == FailoverMode.StrictWriter;
        var initialRole = connectionString.Endpoint.Kind switch
        {
            EndpointKind.ClusterReader => HostRole.Reader,
            _ when strictWriter => HostRole.Writer,
            EndpointKind.ClusterWriter or EndpointKind.GlobalWriter => HostRole.Writer,
            _ => HostRole.Unknown,
        };

        return new AuroraConnectionSettings
        {
            FailoverHandler = options.IsFailoverActive ? failoverHandler : null,
            FailOverOnReadOnlyError = strictWriter,
            InitialHostRole = initialRole,
            KeepSessionStateOnFailover = options.KeepSessionStateOnFailover,
            SilentIdleMove = options.FailoverSilentIdleMove,
            OpenTargetOverride = OpenTargetFor(connectionString.Endpoint.Kind, options.FailoverMode, initialRole),
            HostMonitoring = MonitoringFrom(connectionString, loggerFactory, scheduler, telemetry),
            LoggerFactory = loggerFactory,
            SessionSetupStatements = sessionSetup ?? [],
        };
    }

    // An instance endpoint opens on that instance; a reader endpoint or a reader mode on a reader; a writer endpoint or
    // strict_writer on the writer; anything else (a custom name in reader_or_writer mode) on the node the string names.
    private static OpenTarget OpenTargetFor(EndpointKind kind, FailoverMode mode, HostRole initialRole) => kind switch
    {
        EndpointKind.RdsInstance => OpenTarget.Endpoint,
        _ when initialRole == HostRole.Reader || mode == FailoverMode.StrictReader => OpenTarget.Reader,
        _ when initialRole == HostRole.Writer => OpenTarget.Writer,
        _ => OpenTarget.Endpoint,
    };

    private static HostMonitoringSettings? MonitoringFrom(AuroraConnectionString connectionString, ILoggerFactory? loggerFactory, IScheduler? scheduler, AuroraTelemetry? telemetry)
    {
        var options = connectionString.Options;
        if (!options.IsFailureDetectionActive)
        {
            return null;
        }

        if (connectionString.Endpoint.Kind == EndpointKind.RdsProxy)
        {
            telemetry ??= new AuroraTelemetry(loggerFactory, scheduler ?? AuroraDataSourceBuilder.DefaultClock, connectionString.ClusterKey.ToString());
            telemetry.MonitoringDisabledOnRdsProxy(connectionString.Endpoint.Host);
            return null;
        }

        var monitoring = new HostMonitoringSettings
        {
            Detection = FailureDetectionSettings.FromOptions(options),
            ProbeMethod = options.FailureDetectionProbe,
            ConnectionString = connectionString.MonitoringConnectionString,
        };
        return scheduler is null ? monitoring : monitoring with { Scheduler = scheduler };
    }
}
