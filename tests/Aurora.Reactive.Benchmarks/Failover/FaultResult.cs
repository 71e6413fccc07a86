using Aurora.Reactive.Testing.LocalCluster;

namespace Aurora.Reactive.Benchmarks.Failover;

/// <summary>
/// One injected fault: its floor (promotion delay plus the promotion itself, the earliest any client can
/// write) and each client's downtime, <see langword="null"/> when the client had not written by the cap
/// or was still down from the previous fault.
/// </summary>
/// <param name="FaultAt">The <see cref="System.Diagnostics.Stopwatch"/> timestamp of the fault.</param>
/// <param name="PromotedAt">The <see cref="System.Diagnostics.Stopwatch"/> timestamp when the kit's promotion returned.</param>
public sealed record FaultResult(int Number, FailoverFault Fault, double FloorSeconds, IReadOnlyDictionary<string, double?> DowntimeSeconds, IReadOnlySet<string> NotReady, long FaultAt = 0, long PromotedAt = 0);
