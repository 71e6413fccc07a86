namespace Aurora.Reactive.Topology;

/// <summary>
/// One row of a topology query as plain values, before it is validated and turned into a host.
/// Keeping rows as plain values lets the reading rules be tested without a server.
/// </summary>
/// <param name="InstanceId">The node's instance id (Aurora's SERVER_ID), or <see langword="null"/> when the row had none.</param>
/// <param name="IsWriter">Whether the row says the node is the writer.</param>
/// <param name="CpuPercent">CPU use in percent, when reported.</param>
/// <param name="ReplicaLagMilliseconds">Replica lag in milliseconds, when reported.</param>
/// <param name="LastUpdate">When the cluster last updated the row, when reported.</param>
internal readonly record struct TopologyRow(
    string? InstanceId,
    bool IsWriter,
    double? CpuPercent,
    double? ReplicaLagMilliseconds,
    DateTimeOffset? LastUpdate);
