namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>Tests that share one running cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedClusterFixture>
{
    public const string Name = "Local cluster (shared)";
}
