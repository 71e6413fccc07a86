namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>One row of <see cref="ReferenceSql.Topology"/>.</summary>
internal sealed record TopologyRow(string ServerId, bool IsWriter, float Cpu, float LagMilliseconds, DateTime? LastUpdate);
