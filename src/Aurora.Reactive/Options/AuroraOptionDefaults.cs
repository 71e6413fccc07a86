using Aurora.Reactive.Failover;

namespace Aurora.Reactive.Options;

/// <summary>The default of every setting of <see cref="AuroraOptions"/>; the seed documents' values unless marked as ours.</summary>
internal static class AuroraOptionDefaults
{
    /// <summary><c>failover,host_monitoring</c>.</summary>
    public static IReadOnlyList<AuroraPlugin> Plugins { get; } = [AuroraPlugin.Failover, AuroraPlugin.HostMonitoring];

    /// <summary><see langword="true"/>.</summary>
    public const bool EnableFailover = true;

    /// <summary><see cref="FailoverMode.StrictWriter"/> (<see cref="FailoverMode.ReaderOrWriter"/> for a reader endpoint, resolved when parsing).</summary>
    public const FailoverMode FailoverMode = Failover.FailoverMode.StrictWriter;

    /// <summary>2 seconds.</summary>
    public static readonly TimeSpan FailoverClusterTopologyRefreshRate = TimeSpan.FromSeconds(2);

    /// <summary>30 seconds.</summary>
    public static readonly TimeSpan FailoverReaderConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>300 seconds.</summary>
    public static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(300);

    /// <summary>2 seconds.</summary>
    public static readonly TimeSpan FailoverWriterReconnectInterval = TimeSpan.FromSeconds(2);

    /// <summary><see langword="false"/>.</summary>
    public const bool KeepSessionStateOnFailover = false;

    /// <summary><see langword="false"/>: every move is reported.</summary>
    public const bool FailoverSilentIdleMove = false;

    /// <summary><see langword="true"/>.</summary>
    public const bool FailureDetectionEnabled = true;

    /// <summary>30 000 milliseconds.</summary>
    public static readonly TimeSpan FailureDetectionTime = TimeSpan.FromMilliseconds(30_000);

    /// <summary>5 000 milliseconds.</summary>
    public static readonly TimeSpan FailureDetectionInterval = TimeSpan.FromMilliseconds(5_000);

    /// <summary>3 failed probes.</summary>
    public const int FailureDetectionCount = 3;

    /// <summary>60 000 milliseconds.</summary>
    public static readonly TimeSpan MonitorDisposalTime = TimeSpan.FromMilliseconds(60_000);

    /// <summary>30 000 milliseconds (ours; the AWS drivers' normal refresh).</summary>
    public static readonly TimeSpan TopologyRefreshRate = TimeSpan.FromMilliseconds(30_000);

    /// <summary>100 milliseconds (ours; the newest AWS drivers' high refresh rate).</summary>
    public static readonly TimeSpan TopologyFastRefreshRate = TimeSpan.FromMilliseconds(100);

    /// <summary>30 000 milliseconds (ours; the AWS drivers' high-refresh window after a change).</summary>
    public static readonly TimeSpan TopologyFastRefreshDuration = TimeSpan.FromMilliseconds(30_000);

    /// <summary>60 000 milliseconds (ours; same as <see cref="MonitorDisposalTime"/>).</summary>
    public static readonly TimeSpan TopologyMonitorDisposalTime = TimeSpan.FromMilliseconds(60_000);
}
