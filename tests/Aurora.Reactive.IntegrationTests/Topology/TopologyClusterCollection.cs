namespace Aurora.Reactive.IntegrationTests.Topology;

/// <summary>Topology tests that start real clusters run one class at a time, to spare a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class TopologyClusterCollection
{
    public const string Name = "Topology (real cluster)";
}
