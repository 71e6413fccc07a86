using System.Diagnostics;
using Aurora.Reactive.Failover;
using Aurora.Reactive.Hosts;
using Aurora.Reactive.Monitoring;

namespace Aurora.Reactive.Diagnostics;

/// <summary>
/// The library's spans, on the <see cref="ActivitySource"/> named like its meter (<see cref="AuroraMetrics.MeterName"/>,
/// <c>Aurora.Reactive</c>): one per failover (<c>aurora.failover</c>), per topology refresh in fast mode
/// (<c>aurora.topology.refresh</c>) and per failure-monitoring verdict (<c>aurora.efm.verdict</c>, from the command's
/// detection window to the verdict). Their times come from the data source's scheduler, so they line up with the
/// events and reports in virtual time too. OpenTelemetry collects them with <c>AddSource("Aurora.Reactive")</c>.
/// Started only by <see cref="AuroraTelemetry"/>.
/// </summary>
internal static class AuroraActivities
{
    public const string FailoverName = "aurora.failover";
    public const string TopologyRefreshName = "aurora.topology.refresh";
    public const string VerdictName = "aurora.efm.verdict";

    public static readonly ActivitySource Source = new(AuroraMetrics.MeterName, typeof(AuroraActivities).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one connection's failover, a child of the caller's current span.</summary>
    public static Activity? StartFailover(string cluster, HostSpec failedHost, bool readOnly, DateTimeOffset at)
    {
        var activity = Source.StartActivity(FailoverName, ActivityKind.Internal, parentContext: default, startTime: at);
        SetCluster(activity, cluster);
        activity?.SetTag("aurora.failed_host", failedHost.Endpoint);
        activity?.SetTag("aurora.read_only", readOnly);
        return activity;
    }

    public static void EndFailover(Activity? activity, FailoverReport report, DateTimeOffset at)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("aurora.new_host", report.NewHost?.Endpoint);
        activity.SetTag("aurora.outcome", report.Succeeded ? "succeeded" : "failed");
        if (!report.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, report.FailureMessage);
        }

        Stop(activity, at);
    }

    public static void RecordTopologyRefresh(string cluster, HostSpec? via, DateTimeOffset startedAt, DateTimeOffset endedAt, bool succeeded)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        using var activity = StartRoot(TopologyRefreshName, startedAt);
        if (activity is null)
        {
            return;
        }

        SetCluster(activity, cluster);
        activity.SetTag("aurora.via", via?.Endpoint);
        activity.SetTag("aurora.mode", "fast");
        if (!succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.SetEndTime(endedAt.UtcDateTime);
    }

    public static void RecordVerdict(string cluster, HostDeclaredDead verdict)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        using var activity = StartRoot(VerdictName, verdict.WindowOpenedAt);
        if (activity is null)
        {
            return;
        }

        SetCluster(activity, cluster);
        activity.SetTag("aurora.host", verdict.Host.Endpoint);
        activity.SetTag("aurora.failed_probes", verdict.FailedProbes);
        activity.SetTag("aurora.from_shared_health", verdict.FromSharedHealth);
        activity.SetEndTime(verdict.DeclaredAt.UtcDateTime);
    }

    // A refresh or a verdict belongs to no caller's span: whatever runs on the timer's thread (in virtual time, the test
    // advancing the clock) is not its parent.
    private static Activity? StartRoot(string name, DateTimeOffset startTime)
    {
        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            return Source.StartActivity(name, ActivityKind.Internal, parentContext: default, startTime: startTime);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private static void SetCluster(Activity? activity, string cluster)
    {
        if (cluster.Length > 0)
        {
            activity?.SetTag("aurora.cluster", cluster);
        }
    }

    private static void Stop(Activity activity, DateTimeOffset at)
    {
        activity.SetEndTime(at.UtcDateTime);
        activity.Dispose();
    }
}
