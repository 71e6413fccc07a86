namespace Aurora.Reactive.IntegrationTests.LocalCluster;

/// <summary>Tests that start their own cluster and break it; one at a time, so at most two clusters run at once on a small CI machine.</summary>
[CollectionDefinition(Name)]
public sealed class DestructiveClusterCollection
{
    public const string Name = "Local cluster (destructive)";
}
