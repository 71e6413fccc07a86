using Aurora.Reactive.Hosts;

namespace Aurora.Reactive.Diagnostics;

/// <content>The topology monitor's reads. The monitor is shared by the data sources of a cluster; it reports to the telemetry of the one that created it.</content>
internal sealed partial class AuroraTelemetry
{
    /// <summary>A topology read in fast mode through <paramref name="via"/> ran from <paramref name="startedAt"/> to <paramref name="endedAt"/>.</summary>
    public void TopologyRefreshed(HostSpec? via, DateTimeOffset startedAt, DateTimeOffset endedAt, bool succeeded)
    {
        LogMessages.TopologyRefreshed(_log, via?.Endpoint ?? "every node", succeeded ? "succeeded" : "failed", (endedAt - startedAt).TotalMilliseconds);
        AuroraActivities.RecordTopologyRefresh(Cluster, via, startedAt, endedAt, succeeded);
    }
}
