using System.Data.Common;
using System.Reactive.Concurrency;
using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Monitoring;

/// <summary>
/// How the commands of a data source are watched by enhanced failure monitoring (the <c>host_monitoring</c>
/// plugin with <c>failure_detection_enabled=true</c>): the detection settings, the probe method and the
/// monitoring connections. Set on <see cref="Connections.AuroraConnectionSettings.HostMonitoring"/>;
/// <see cref="Connections.AuroraConnectionSettings.From"/> builds it from a connection string.
/// </summary>
/// <remarks>
/// <para>Every command (<c>ExecuteReader</c>, <c>ExecuteNonQuery</c>, <c>ExecuteScalar</c>, sync and async,
/// and the reads of its data reader until the reader is closed) is watched by the one shared monitor of its
/// host. The detection timeline, for a command started at t0 with the default 30000/5000/3:</para>
/// <list type="bullet">
/// <item>t0 to t0 + <c>failure_detection_time_ms</c> (30 s): no probe for this command; a command that ends
/// sooner costs no probe.</item>
/// <item>from t0 + 30 s: one probe every <c>failure_detection_interval_ms</c> (5 s), each bounded by the
/// probe timeout (the interval, or the monitoring connection's timeout if shorter).</item>
/// <item>the host is dead for the command when <c>failure_detection_count</c> (3) consecutive probes started
/// in its window have failed: on a frozen host at t0 + 30 s + 3 x 5 s = t0 + 45 s
/// (<see cref="FailureDetectionSettings.DeadAfterFrozen"/>); on a host that refuses connections, at
/// t0 + 30 s + 2 x 5 s plus the last probe's quick failure.</item>
/// <item>at that moment the caller is released: with failover loaded it gets the failover outcome, without it
/// a <see cref="HostUnavailableException"/>; the stuck driver connection is closed in the background.</item>
/// </list>
/// </remarks>
internal sealed record HostMonitoringSettings
{
    /// <summary>The default application name of monitoring connections.</summary>
    public const string DefaultApplicationName = "aurora-reactive-monitor";

    /// <summary>The detection settings (<c>failure_detection_time_ms</c>, <c>failure_detection_interval_ms</c>,
    /// <c>failure_detection_count</c>, <c>monitor_disposal_time_ms</c>).</summary>
    /// <value>The default value is <see cref="FailureDetectionSettings.Default"/> (30000/5000/3, disposal after 60000 ms).</value>
    public FailureDetectionSettings Detection { get; init; } = FailureDetectionSettings.Default;

    /// <summary>How probes are sent (key <c>failure_detection_probe</c>: <c>select1</c>, <c>connect</c> or <c>auto</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the driver's choice — <see cref="Monitoring.ProbeMethod.SelectOne"/> for
    /// Npgsql and MySqlConnector, <see cref="Monitoring.ProbeMethod.Connect"/> for MySql.Data (its async calls block a thread,
    /// its connect timeout is reliable) and for drivers this library does not know.</value>
    public ProbeMethod? ProbeMethod { get; init; }

    /// <summary>
    /// The connection string of monitoring connections: the driver's connection string with the <c>monitoring_</c>
    /// keys applied (so it carries the same credentials and TLS settings). Monitoring connections are always
    /// unpooled, and get a connect and command timeout of the probe timeout (rounded up to whole seconds) when
    /// the string sets none or zero (infinite).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the data source's driver connection string.</value>
    public string? ConnectionString { get; init; }

    /// <summary>The application name monitoring connections report to the server, to tell them apart (e.g. in <c>pg_stat_activity</c>); <see langword="null"/> keeps the connection string's.</summary>
    /// <value>The default value is <see cref="DefaultApplicationName"/>.</value>
    public string? ApplicationName { get; init; } = DefaultApplicationName;

    /// <summary>Runs every monitor timer and timestamps command starts.</summary>
    /// <value>The default value is the system clock: Rx's default scheduler's timers under a monotonic <c>Now</c>.</value>
    public IScheduler Scheduler { get; init; } = Connections.AuroraDataSourceBuilder.DefaultClock;

    /// <summary>
    /// Opens a monitoring connection to a host, replacing the one built from <see cref="ConnectionString"/>
    /// (for a driver this library has no monitoring profile for: without an opener, monitoring is then off and a
    /// warning is logged). It must return an unpooled connection.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<HostSpec, CancellationToken, Task<DbConnection>>? OpenConnection { get; init; }

    /// <summary>Creates the prober of each new monitor, replacing <see cref="ProbeMethod"/> and the monitoring connections (for tests and custom probes).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<HostSpec, FailureDetectionSettings, IHostProber>? ProberFactory { get; init; }
}
