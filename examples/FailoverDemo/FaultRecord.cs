namespace FailoverDemo;

/// <summary>One fault and its effect on the workload.</summary>
/// <param name="Name">crash, freeze, or an observed failover on a real cluster.</param>
/// <param name="Victim">The instance that failed.</param>
/// <param name="At">When the fault was injected (or the failover started).</param>
/// <param name="NewWriter">The instance that took over, when known.</param>
/// <param name="Downtime">The longest stretch without an acknowledged write after the fault.</param>
/// <param name="DowntimeFrom">Where that stretch starts (the fault itself, or the last write acknowledged after it).</param>
/// <param name="PromotedAt">When the new writer was promoted (or found by the client), when known.</param>
internal sealed record FaultRecord(string Name, string Victim, TimeSpan At, string? NewWriter, TimeSpan Downtime, TimeSpan DowntimeFrom, TimeSpan? PromotedAt);
