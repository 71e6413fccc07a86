using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using Aurora.Reactive.Topology;

namespace Aurora.Reactive.Failover;

/// <summary>
/// The process-wide registries of topology monitors, one per disposal delay and scheduler (the clock every timer of
/// the monitor runs on), so that every data source on
/// one cluster (same cluster key) shares one monitor. Data sources and clients dispose their leases, so the
/// last of them disposed stops the monitor at once; the delay applies only to leases released to linger.
/// </summary>
internal static class SharedTopologyMonitors
{
    private static readonly ConcurrentDictionary<(TimeSpan Delay, IScheduler Scheduler), TopologyMonitorRegistry> Registries = new();

    public static TopologyMonitorRegistry For(TimeSpan disposalDelay, IScheduler scheduler) =>
        Registries.GetOrAdd((disposalDelay, scheduler), key => new TopologyMonitorRegistry(key.Scheduler, key.Delay));
}
