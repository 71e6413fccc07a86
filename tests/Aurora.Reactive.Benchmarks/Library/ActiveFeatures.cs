using Aurora.Reactive.Connections;

namespace Aurora.Reactive.Benchmarks.Library;

/// <summary>Says which of the library's plugins really run in a data source, read from it rather than from what was asked.</summary>
public static class ActiveFeatures
{
    public static string Describe(AuroraDataSource source)
    {
        var failover = source.Settings.FailoverHandler is null ? "failover off" : "failover on (coordinator + topology monitor)";
        var monitoring = source.Settings.HostMonitoring is { } efm
            ? $"EFM on ({efm.Detection.Time.TotalMilliseconds:0}/{efm.Detection.Interval.TotalMilliseconds:0}/{efm.Detection.Count}, probe {efm.ProbeMethod?.ToString() ?? "auto"})"
            : "EFM off";
        return failover + ", " + monitoring;
    }
}
