using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// One injected fault: its floor (promotion delay plus the promotion itself, the earliest any client can
/// write) and each client's downtime, <see langword="null"/> when the client had not written by the cap
/// or was still down from the previous fault.
/// </summary>
public sealed record FaultResult(int Number, FailoverFault Fault, double FloorSeconds, IReadOnlyDictionary<string, double?> DowntimeSeconds, IReadOnlySet<string> NotReady);
